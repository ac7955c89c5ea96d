/**
 * Which template the tables were printed in, read off the table itself: section 二's column headers
 * and rows that only one template has. （六） printed as one row or three is decided separately, since
 * 2021-layout reports may still print one row. The report year is only the fallback.
 */
import { PROACTIVE_BLOCKS, applicationRows, expectedTemplate, type TemplateId } from "../../template";
import { normText, stripNotes } from "./normalize";
import { labelKey } from "./specs";
import type { Token } from "./tokens";

function labelSet(template: TemplateId): Set<string> {
  const s = new Set<string>();
  for (const b of PROACTIVE_BLOCKS[template]) {
    for (const c of b.columns) for (const l of [c.label, ...(c.variants ?? [])]) s.add(stripNotes(normText(l)));
    for (const r of b.rows) for (const l of [r.label, ...(r.variants ?? [])]) s.add(stripNotes(normText(l)));
  }
  return s;
}

let cached: { only2019: string[]; only2021: string[]; split: string[]; splitMain: string[] } | null = null;
function evidence() {
  if (cached) return cached;
  const a = labelSet("2019");
  const b = labelSet("2021");
  // A label both templates print (规章, 行政许可, 处理决定数量 …) says nothing about the template.
  const only2019 = [...a].filter((l) => !b.has(l) && ![...b].some((x) => x.startsWith(l) || l.startsWith(x)));
  const only2021 = [...b].filter((l) => !a.has(l) && ![...a].some((x) => x.startsWith(l) || l.startsWith(x)));
  const rows = applicationRows(true).filter((r) => r.group === "otherHandling" && r.key !== "other");
  const split = rows.flatMap((r) => [r.label, ...(r.variants ?? [])].map((l) => stripNotes(normText(l))));
  const splitMain = rows.map((r) => stripNotes(normText(r.label)));
  cached = { only2019, only2021, split, splitMain };
  return cached;
}

function hits(core: string, labels: string[]): boolean {
  // Truncated headers (本年新 for 本年新制作数量) count when at least three characters survive.
  // A header row flattened into one cell (PDF text) still names its columns inside it.
  return labels.some(
    (l) => core === l || (core.length >= 3 && l.startsWith(core)) || (l.length >= 4 && core.includes(l)),
  );
}

export function detectShape(
  tokens: Token[],
  year: number | null,
  forceSplit?: boolean,
): { template: TemplateId; splitOther: boolean; byYear: boolean } {
  const ev = evidence();
  let s2019 = 0;
  let s2021 = 0;
  let split = false;
  let sawOther = false;
  for (const t of tokens) {
    if (t.kind !== "text" || t.text.length > 60) continue;
    const core = labelKey(t).core;
    if (!core) continue;
    if (hits(core, ev.only2019)) s2019++;
    if (hits(core, ev.only2021)) s2021++;
    if (core === "其他处理") sawOther = true;
    // Even a cut-off numbered sub-row of （六） (1.申请人无正…) shows the split layout.
    const numbered = labelKey(t).number !== "";
    if (ev.split.some((l) => core.includes(l) || (core.length >= 6 && l.startsWith(core)))) split = true;
    if (numbered && core.length >= 3 && ev.splitMain.some((l) => l.startsWith(core))) split = true;
  }
  const byYear = s2019 === 0 && s2021 === 0;
  const template: TemplateId = byYear ? (year ? expectedTemplate(year) : "2021") : s2019 > s2021 ? "2019" : "2021";
  // （六） printed as one row shows as 其他处理 without the split rows; never reached → the template's way.
  const splitOther = forceSplit ?? (split || (!sawOther && template === "2021"));
  return { template, splitOther, byYear };
}
