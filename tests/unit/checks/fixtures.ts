/** A consistent report of either template for the rule tests: every rule holds; tests break one thing. */
import { emptyReport, setCell, type Report, type TemplateId } from "../../../lib/template";

type Row = Partial<Record<"naturalPerson" | "commercial" | "research" | "social" | "legal" | "otherOrg", number>>;

function cols(r: Row) {
  const c = { naturalPerson: 0, commercial: 0, research: 0, social: 0, legal: 0, otherOrg: 0, ...r };
  return { ...c, total: c.naturalPerson + c.commercial + c.research + c.social + c.legal + c.otherOrg };
}

export const PROSE = {
  overview:
    "本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，共收到政府信息公开申请12件，上年结转1件，" +
    "结转下年度继续办理1件。全年因政府信息公开工作被申请行政复议3件，提起行政诉讼1件。主动公开工作稳步推进，" +
    "公开平台建设不断加强，政策解读和回应关切工作有序开展，监督保障机制进一步完善。",
  problems: "一是公开内容不够全面，二是政策解读形式较为单一。下一步将加强培训，丰富解读形式，提升公开质量。",
  other: "本年度未收取信息处理费。",
};

export function validReport(
  template: TemplateId,
  opts: { splitOther?: boolean; year?: number; agency?: string } = {},
): Report {
  const splitOther = opts.splitOther ?? template === "2021";
  const year = opts.year ?? (template === "2021" ? 2022 : 2020);
  const r = emptyReport({ template, splitOther }, { year, agency: opts.agency ?? "某市某局" }) as unknown as Record<
    string,
    unknown
  >;
  const apps: Record<string, unknown> = {
    newReceived: cols({ naturalPerson: 10, commercial: 2 }),
    carriedOver: cols({ naturalPerson: 1 }),
    granted: cols({ naturalPerson: 5, commercial: 1 }),
    partial: cols({ naturalPerson: 2 }),
    totalHandled: cols({ naturalPerson: 10, commercial: 2 }),
    carriedForward: cols({ naturalPerson: 1 }),
  };
  for (const [k, v] of Object.entries(apps)) (r.applications as Record<string, unknown>)[k] = v;
  const a = r.applications as Record<string, Record<string, unknown>>;
  for (const g of ["denied", "unavailable", "notProcessed"]) for (const k of Object.keys(a[g])) a[g][k] = cols({});
  a.denied.stateSecret = cols({ naturalPerson: 1 });
  a.unavailable.notHeld = cols({ naturalPerson: 1, commercial: 1 });
  (a as Record<string, unknown>).otherHandling = splitOther
    ? { overdueCorrection: cols({ naturalPerson: 1 }), overdueFee: cols({}), other: cols({}) }
    : cols({ naturalPerson: 1 });
  r.review = {
    reconsideration: { upheld: 1, corrected: 1, other: 0, pending: 1, total: 3 },
    litigationDirect: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 },
    litigationAfterReconsideration: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
  };
  r.proactive =
    template === "2019"
      ? {
          regulations: { newlyMade: 0, newlyPublished: 0, totalPublished: 0 },
          normativeDocuments: { newlyMade: 3, newlyPublished: 3, totalPublished: 20 },
          licensing: { previousCount: 10, change: -2, decisions: 50 },
          otherServices: { previousCount: 4, change: 1, decisions: 7 },
          penalty: { previousCount: 6, change: 0, decisions: 5 },
          coercion: { previousCount: 2, change: 0, decisions: 1 },
          fees: { previousCount: 2, change: 0 },
          procurement: { projects: 3, amountYuan: 12345.67 },
        }
      : {
          regulations: { issued: 0, repealed: 0, inForce: 0 },
          normativeDocuments: { issued: 3, repealed: 1, inForce: 10 },
          licensing: { decisions: 50 },
          penalty: { decisions: 5 },
          coercion: { decisions: 1 },
          fees: { amountYuan: 150000 },
        };
  r.prose = { ...PROSE };
  return r as unknown as Report;
}

/** Deep copy, so a test can break one cell. */
export function clone<T>(x: T): T {
  return structuredClone(x);
}

/** Sets a cell by RIF path on a report (tests only). */
export function set(report: Report, path: string, value: number | null): Report {
  setCell(report as unknown as Record<string, unknown>, path, value);
  return report;
}

export const TEMPLATES: TemplateId[] = ["2019", "2021"];
