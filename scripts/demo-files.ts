/**
 * Writes the demo city as published documents for bulk-import testing:
 *   npm run demo:files -- --out DIR [--agencies 50] [--seed 1] [--years 2019-2025] [--layout mixed]
 * One file per published report (layouts rotate when --layout is "mixed") and DIR/manifest.csv with
 * file,agency,year. Reports are streamed, so large cities do not need the whole city in memory.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { toCsv } from "../lib/csv";
import { generateReports, listAgencies, type DemoReport } from "../lib/demo";
import { TEXT_LAYOUTS, renderDocx, renderHtml, renderText } from "../lib/demo/render";

const FORMATS = [...TEXT_LAYOUTS, "html", "word-html", "docx"] as const;
type Format = (typeof FORMATS)[number];

const argsSchema = z.object({
  out: z.string({ error: "--out DIR is required" }).min(1, "--out DIR is required"),
  agencies: z.coerce.number({ error: "--agencies must be a number" }).int().min(1).max(200_000).default(50),
  seed: z.coerce.number().int().default(1),
  years: z
    .string()
    .regex(/^\d{4}-\d{4}$/, "--years like 2019-2025")
    .default("2019-2025")
    .transform((s) => s.split("-").map(Number) as [number, number])
    .refine(([a, b]) => a <= b && a >= 2000, "--years: from ≤ to"),
  layout: z.enum(["mixed", ...FORMATS]).default("mixed"),
});

function render(r: DemoReport, format: Format): { ext: string; bytes: Uint8Array | string } {
  switch (format) {
    case "html":
      return { ext: "html", bytes: renderHtml(r) };
    case "word-html":
      return { ext: "htm", bytes: renderHtml(r, { wordStyle: true }) };
    case "docx":
      return { ext: "docx", bytes: renderDocx(r) };
    default:
      return { ext: "txt", bytes: renderText(r, format) };
  }
}

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: "string" },
      agencies: { type: "string" },
      seed: { type: "string" },
      years: { type: "string" },
      layout: { type: "string" },
    },
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => i.message).join("\n"));
    process.exit(2);
  }
  const opts = parsed.data;
  const names = new Map(listAgencies(opts.agencies).map((a) => [a.key, a.name]));
  mkdirSync(opts.out, { recursive: true });
  const manifest: (string | number)[][] = [["file", "agency", "year"]];
  let i = 0;
  for (const r of generateReports({ agencies: opts.agencies, years: opts.years, seed: opts.seed })) {
    const format = opts.layout === "mixed" ? FORMATS[i % FORMATS.length] : opts.layout;
    const { ext, bytes } = render(r, format);
    const file = `${r.agencyKey}-${r.year}-${format}.${ext}`;
    writeFileSync(join(opts.out, file), bytes);
    manifest.push([file, names.get(r.agencyKey) ?? r.agencyKey, r.year]);
    i++;
  }
  writeFileSync(join(opts.out, "manifest.csv"), toCsv(manifest)); // the one CSV writer (lib/csv.ts)
  console.log(`已写出 ${i} 份年报和 manifest.csv 到 ${opts.out}`);
}

main();
