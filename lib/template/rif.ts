/**
 * Zod schemas for the report interchange format (RIF v1), see shared/docs/report-format.md.
 * Every number is a non-null integer or null (blank / 无 / - / /); money is yuan with ≤ 2 decimals.
 * Domain rules (non-negative counts …) are the checks' business, not the schema's: a published report
 * that breaks them is still stored as published.
 */
import { z } from "zod";

const num = z.number().finite().nullable();
const int = z.number().int().nullable();

export const colsSchema = z.object({
  naturalPerson: int, // 自然人
  commercial: int, // 商业企业
  research: int, // 科研机构
  social: int, // 社会公益组织
  legal: int, // 法律服务机构
  otherOrg: int, // 其他
  total: int, // 总计
});
export type Cols = z.infer<typeof colsSchema>;

export const outcomeSchema = z.object({
  upheld: int, // 结果维持
  corrected: int, // 结果纠正
  other: int, // 其他结果
  pending: int, // 尚未审结
  total: int, // 总计
});
export type Outcome = z.infer<typeof outcomeSchema>;

export const otherHandlingSplitSchema = z.object({
  overdueCorrection: colsSchema, // 1.申请人无正当理由逾期不补正…
  overdueFee: colsSchema, // 2.申请人逾期未按收费通知要求缴纳费用…
  other: colsSchema, // 3.其他
});
export type OtherHandlingSplit = z.infer<typeof otherHandlingSplitSchema>;

const extraSchema = z.array(z.object({ label: z.string(), values: z.array(num) })).optional();

export const applicationsSchema = z.object({
  newReceived: colsSchema,
  carriedOver: colsSchema,
  granted: colsSchema,
  partial: colsSchema,
  denied: z.object({
    stateSecret: colsSchema,
    lawForbidden: colsSchema,
    securityStability: colsSchema,
    thirdPartyRights: colsSchema,
    internalAffairs: colsSchema,
    processInfo: colsSchema,
    enforcementFiles: colsSchema,
    adminQuery: colsSchema,
  }),
  unavailable: z.object({ notHeld: colsSchema, needsCreation: colsSchema, stillUnclear: colsSchema }),
  notProcessed: z.object({
    complaint: colsSchema,
    repeated: colsSchema,
    publication: colsSchema,
    excessive: colsSchema,
    confirmation: colsSchema,
  }),
  otherHandling: z.union([otherHandlingSplitSchema, colsSchema]),
  totalHandled: colsSchema,
  carriedForward: colsSchema,
  extra: extraSchema,
});
export type Applications = z.infer<typeof applicationsSchema>;

export const reviewSchema = z.object({
  reconsideration: outcomeSchema,
  litigationDirect: outcomeSchema,
  litigationAfterReconsideration: outcomeSchema,
});
export type Review = z.infer<typeof reviewSchema>;

const docs2019 = z.object({ newlyMade: int, newlyPublished: int, totalPublished: int });
const items2019 = z.object({ previousCount: int, change: int, decisions: int });

export const proactive2019Schema = z.object({
  regulations: docs2019,
  normativeDocuments: docs2019,
  licensing: items2019,
  otherServices: items2019,
  penalty: items2019,
  coercion: items2019,
  fees: z.object({ previousCount: int, change: int }),
  procurement: z.object({ projects: int, amountYuan: num }),
  extra: extraSchema,
});
export type Proactive2019 = z.infer<typeof proactive2019Schema>;

const docs2021 = z.object({ issued: int, repealed: int, inForce: int });
export const proactive2021Schema = z.object({
  regulations: docs2021,
  normativeDocuments: docs2021,
  licensing: z.object({ decisions: int }),
  penalty: z.object({ decisions: int }),
  coercion: z.object({ decisions: int }),
  fees: z.object({ amountYuan: num }),
  extra: extraSchema,
});
export type Proactive2021 = z.infer<typeof proactive2021Schema>;

/** Prose of sections 一/五/六 where it was kept (optional; used by the TXT-* checks). */
export const proseSchema = z
  .object({
    overview: z.string().nullable().optional(),
    problems: z.string().nullable().optional(),
    other: z.string().nullable().optional(),
  })
  .optional();

const base = {
  formatVersion: z.literal(1),
  agency: z.string().max(200).nullable(),
  year: z.number().int().min(2000).max(2100).nullable(),
  applications: applicationsSchema,
  review: reviewSchema,
  prose: proseSchema,
};

export const report2019Schema = z.object({ ...base, template: z.literal("2019"), proactive: proactive2019Schema });
export const report2021Schema = z.object({ ...base, template: z.literal("2021"), proactive: proactive2021Schema });
export const reportSchema = z.discriminatedUnion("template", [report2019Schema, report2021Schema]);

export type Report = z.infer<typeof reportSchema>;

/**
 * What a parser warning says about the cells it names, from harmless to bad; the reading confidence
 * (lib/ingest/confidence) weighs warnings by it:
 * - note: changes no number (a layout guessed from the year, a repair of the file's bytes);
 * - unread: the cells are blank because the source does not print them (the text stops, a table or a
 *   row's figures are absent) — nothing was misread, the clerk fills them in;
 * - unchecked: read, but a sum that would confirm them cannot run (its total was not printed);
 * - source-total: read as printed, the source's own total is off;
 * - uncertain: the value may be wrong (columns not certain, figures placed by order, a unit assumed);
 * - arithmetic: the template's sums fail on what was read;
 * - missing: rows not found amid rows that were read (the labels were not recognised);
 * - no-tables: no table at all, only figures stated in the text.
 * Absent in warnings stored before kinds existed: the confidence then goes by the message.
 */
export const WARNING_KINDS = [
  "note",
  "unread",
  "unchecked",
  "source-total",
  "uncertain",
  "arithmetic",
  "missing",
  "no-tables",
] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

/** A parser or check message tied to RIF cell paths. */
export const warningSchema = z.object({
  cells: z.array(z.string()),
  message: z.string(),
  kind: z.enum(WARNING_KINDS).optional(),
});
export type ParseWarning = z.infer<typeof warningSchema>;

/** Whether a warning speaks of a cell: it names the cell, or a row or section the cell is under. */
export const warningCovers = (w: ParseWarning, path: string): boolean =>
  w.cells.some((c) => path === c || path.startsWith(`${c}.`));

export const findingSchema = z.object({
  code: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  cells: z.array(z.string()),
  expected: z.union([z.number(), z.string(), z.null()]).optional(),
  actual: z.union([z.number(), z.string(), z.null()]).optional(),
  message: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

export function isSplitOther(h: Applications["otherHandling"]): h is OtherHandlingSplit {
  return typeof h === "object" && h !== null && "overdueCorrection" in h;
}
