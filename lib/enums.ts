/**
 * The value lists of the schema's enum columns that pages, forms and the pure domain need too. They live
 * here, not in db/schema.ts, so a client component or lib/ can use them without importing the database
 * layer; db/schema.ts builds its columns from them and re-exports them.
 */
export const AGENCY_KINDS = ["市政府", "市直部门", "县区政府", "县区部门", "乡镇街道", "其他"] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

// report statuses are defined once, with their labels and badge tones, in lib/report-status.ts
export { REPORT_STATUSES, type ReportStatus } from "./report-status";
