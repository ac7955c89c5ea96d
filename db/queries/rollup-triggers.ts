import "server-only";
/**
 * The one definition of what makes a stats-rollup group stale. A group is (year, agency kind, parent agency)
 * (db/queries/rollup.ts sums each one); a write marks the groups it touches in stats_dirty, inside the
 * database, so every write path (the app, a CLI import in another process, a hand-run UPDATE) is covered,
 * and `refreshStats` recomputes just those groups.
 *
 * The triggers are generated from this definition: `rollupTriggerSql()` gives the CREATE TRIGGER statements,
 * `rollupTriggerMigration()` the text of a migration that replaces them (`npm run -s db:rollup-triggers`),
 * and tests/unit/db/rollup-triggers.test.ts checks that the migrated database holds exactly these triggers,
 * so a change here without a migration fails the tests. Raw SQL: drizzle has no way to say a trigger.
 */

type Row = "old" | "new";

/** The group of a report (or of a report's cells: they carry year and agency_id too): its agency's kind and parent. */
const groupOfReportRow = (row: Row) =>
  `SELECT ${row}.\`year\`, a.\`kind\`, ifnull(a.\`parent_id\`, 0) FROM \`agencies\` a WHERE a.\`id\` = ${row}.\`agency_id\``;
/** The groups of an agency: one per year it has a report in. */
const groupsOfAgencyRow = (row: Row) =>
  `SELECT DISTINCT r.\`year\`, ${row}.\`kind\`, ifnull(${row}.\`parent_id\`, 0) FROM \`reports\` r WHERE r.\`agency_id\` = ${row}.\`id\``;

/** A column a group's sums depend on; `as` when only part of its value matters (drafts are not received). */
interface Input {
  column: string;
  as?: (row: Row) => string;
}

interface Watch {
  name: string;
  table: "reports" | "agencies" | "report_cells";
  event: "INSERT" | "UPDATE" | "DELETE";
  /** for UPDATE: only a change of these marks anything (none: any update) */
  inputs?: Input[];
  /** the row(s) whose groups become stale */
  rows: Row[];
  group: (row: Row) => string;
}

export const ROLLUP_WATCH: Watch[] = [
  // a report counts with its current version (drafts view) and its published one; submitted or not is the
  // "received" count; year and agency say which group it is in
  { name: "stats_dirty_report_ins", table: "reports", event: "INSERT", rows: ["new"], group: groupOfReportRow },
  {
    name: "stats_dirty_report_upd",
    table: "reports",
    event: "UPDATE",
    inputs: [
      { column: "current_version_id" },
      { column: "published_version_id" },
      { column: "status", as: (row) => `(${row}.\`status\` = 'draft')` },
      { column: "year" },
      { column: "agency_id" },
    ],
    rows: ["old", "new"],
    group: groupOfReportRow,
  },
  { name: "stats_dirty_report_del", table: "reports", event: "DELETE", rows: ["old"], group: groupOfReportRow },
  // an agency moving to another kind or parent moves all its reports between groups
  {
    name: "stats_dirty_agency_upd",
    table: "agencies",
    event: "UPDATE",
    inputs: [{ column: "kind" }, { column: "parent_id" }],
    rows: ["old", "new"],
    group: groupsOfAgencyRow,
  },
  // a version's cells are written before the report points at them (the report's update marks the group);
  // these catch a correction of stored cells in place
  {
    name: "stats_dirty_cells_upd",
    table: "report_cells",
    event: "UPDATE",
    rows: ["old", "new"],
    group: groupOfReportRow,
  },
  { name: "stats_dirty_cells_del", table: "report_cells", event: "DELETE", rows: ["old"], group: groupOfReportRow },
];

const q = (name: string) => `\`${name}\``;

function triggerSql(w: Watch): string {
  const of = w.inputs ? ` OF ${w.inputs.map((i) => q(i.column)).join(", ")}` : "";
  const head = `CREATE TRIGGER ${q(w.name)} AFTER ${w.event}${of} ON ${q(w.table)}`;
  const value = (i: Input, row: Row) => (i.as ? i.as(row) : `${row}.${q(i.column)}`);
  const when = w.inputs
    ? `\nWHEN ${w.inputs.map((i) => `${value(i, "old")} IS NOT ${value(i, "new")}`).join(" OR ")}\nBEGIN`
    : " BEGIN";
  const body = w.rows
    .map((row) => `\tINSERT OR IGNORE INTO \`stats_dirty\` (\`year\`, \`kind\`, \`parent_id\`) ${w.group(row)};`)
    .join("\n");
  return `${head}${when}\n${body}\nEND`;
}

/** name → CREATE TRIGGER statement, exactly as SQLite keeps it in sqlite_master. */
export function rollupTriggerSql(): Map<string, string> {
  return new Map(ROLLUP_WATCH.map((w) => [w.name, triggerSql(w)]));
}

/**
 * A migration replacing the triggers with the current definition and marking every group stale once (so
 * the next refresh recomputes the rollup under the new rules). drizzle-kit's statement separator included.
 */
export function rollupTriggerMigration(): string {
  const statements = [
    ...ROLLUP_WATCH.map((w) => `DROP TRIGGER IF EXISTS ${q(w.name)};`),
    ...[...rollupTriggerSql().values()].map((s) => `${s};`),
    "INSERT OR IGNORE INTO `stats_dirty` (`year`, `kind`, `parent_id`) SELECT DISTINCT r.`year`, a.`kind`, ifnull(a.`parent_id`, 0) FROM `reports` r JOIN `agencies` a ON a.`id` = r.`agency_id`;",
  ];
  return statements.join("\n--> statement-breakpoint\n") + "\n";
}
