// @ts-check
/**
 * The lint rules are the folder map's rules (README "Folder map"), nothing more: which layer may import
 * which, no circular imports, `import "server-only"` first in every db/ and server/ file, and SQL only in
 * db/. Style is left to the formatter (prettier.config.mjs). `npm run lint` fails on any violation and
 * runs in `npm test` (scripts/test.sh) before the tests.
 *
 *   lib/         pure domain            → lib/ only (no db/, server/, app/, components/, next, react)
 *   db/          data access            → lib/, db/
 *   server/      use-case services      → lib/, db/, server/
 *   components/  presentational UI      → lib/, components/ (+ react, next's client helpers)
 *   app/         routes, pages, actions → lib/, server/, components/, app/ — never db/
 *   scripts/, tests/: anything
 *
 * `import type` from db/ or server/ is allowed in app/ and components/: types are erased at build time,
 * and a page may name the shape of the rows a server function hands it.
 */
import tseslint from "typescript-eslint";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import reactHooks from "eslint-plugin-react-hooks";

/** An import specifier of a top-level folder, by alias (`@/db/x`) or relative path (`../../db/x`). */
const folder = (name) => `^(@/|(\\.\\./)+|\\./)${name}(/|$)`;
const banned = (name, message, allowTypeImports = false) => ({ regex: folder(name), message, allowTypeImports });

const NO_DB = (types) => banned("db", "db/ is reached through server/ (README: Folder map).", types);
const NO_SERVER = (types) =>
  banned("server", "server/ holds services that touch the database; this layer may not import it.", types);
const NO_APP = banned("app", "app/ holds routes only; move what is shared to lib/ or components/.");
const NO_COMPONENTS = banned("components", "components/ is UI; this layer may not import it.");
const FRAMEWORK = [
  { regex: "^next(/|$)", message: "lib/ and db/ are framework-free (no Next.js)." },
  { regex: "^react(-dom)?(/|$)", message: "lib/ and db/ hold no UI (no React)." },
];

/** `import "server-only"` must open the file, above its doc comment, so it cannot be bundled for a browser. */
const serverOnlyFirst = {
  meta: {
    type: "problem",
    schema: [],
    messages: { first: 'A db/ or server/ file must start with `import "server-only";` (its first line).' },
  },
  create(context) {
    return {
      Program(node) {
        if (!context.sourceCode.getText().startsWith('import "server-only";'))
          context.report({ node, loc: { line: 1, column: 0 }, messageId: "first" });
      },
    };
  },
};

/** A "use client" module runs in the browser: no value import from db/ or server/ (Next's server-only check says so only at build time). */
const clientNoServer = {
  meta: {
    type: "problem",
    schema: [],
    messages: {
      server: "A client component may not import {{source}}: pass the data in as props from a server component.",
    },
  },
  create(context) {
    const forbidden = new RegExp(folder("(db|server)"));
    let client = false;
    return {
      Program(node) {
        client = node.body.some((s) => s.type === "ExpressionStatement" && s.directive === "use client");
      },
      ImportDeclaration(node) {
        if (client && node.importKind !== "type" && forbidden.test(String(node.source.value)))
          context.report({ node, messageId: "server", data: { source: String(node.source.value) } });
      },
    };
  },
};

const restrict = (patterns) => ({ "@typescript-eslint/no-restricted-imports": ["error", { patterns }] });
const NO_RAW_SQL = {
  "no-restricted-syntax": [
    "error",
    {
      selector: "MemberExpression[property.name='$client']",
      message: "SQL lives in db/queries: call a query function instead of the raw connection.",
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next/",
      "dist/",
      "data/",
      "bench-data/",
      "shims/",
      "test-results/",
      "playwright-report/",
      ".test-reports/",
      "next-env.d.ts",
      "db/migrations/",
      "tests/fixtures/layers/",
    ],
  },
  {
    files: ["**/*.{ts,tsx,mjs,js}"],
    languageOptions: { parser: tseslint.parser, ecmaVersion: "latest", sourceType: "module" },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: {
      "@typescript-eslint": tseslint.plugin,
      "import-x": importX,
      layers: { rules: { "server-only-first": serverOnlyFirst, "client-no-server": clientNoServer } },
    },
    settings: {
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs"],
    },
    rules: {
      // a circle through value imports; `import type` carries no runtime edge
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "layers/client-no-server": "error",
    },
  },
  // the two classic hook rules (hooks only at the top level; effect dependencies listed), not the whole preset
  {
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
  { files: ["lib/**"], rules: restrict([NO_DB(false), NO_SERVER(false), NO_APP, NO_COMPONENTS, ...FRAMEWORK]) },
  {
    files: ["db/**"],
    rules: {
      ...restrict([NO_SERVER(false), NO_APP, NO_COMPONENTS, ...FRAMEWORK]),
      "layers/server-only-first": "error",
    },
  },
  {
    files: ["server/**"],
    rules: { ...restrict([NO_APP, NO_COMPONENTS]), ...NO_RAW_SQL, "layers/server-only-first": "error" },
  },
  { files: ["components/**"], rules: { ...restrict([NO_DB(true), NO_SERVER(true), NO_APP]), ...NO_RAW_SQL } },
  { files: ["app/**", "proxy.ts"], rules: { ...restrict([NO_DB(true)]), ...NO_RAW_SQL } },
);
