import type { Report } from "../template";

export type AgencyKind = "市政府" | "市直部门" | "县区政府" | "县区部门" | "乡镇街道" | "其他";

export interface DemoAgency {
  /** stable ASCII slug, unique in the city */
  key: string;
  name: string;
  shortName: string;
  kind: AgencyKind;
  parentKey: string | null;
}

/** Rule codes a deliberately injected inconsistency must raise. */
export type DefectCode = "T3-ROWSUM" | "T3-BALANCE" | "T3-RESULTS" | "T4-SUM" | "X-CARRY" | "TYPE";

export interface DemoReport {
  agencyKey: string;
  year: number;
  report: Report;
  /** ISO timestamp */
  submittedAt: string;
  late: boolean;
  /** empty for consistent reports */
  defects: DefectCode[];
}

export interface DemoCity {
  name: "示例市";
  agencies: DemoAgency[];
  reports: DemoReport[];
  missing: { agencyKey: string; year: number }[];
}

export interface GenerateOptions {
  agencies: number;
  /** inclusive range of report years */
  years: [number, number];
  seed: number;
}
