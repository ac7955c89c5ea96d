/** Types shared by the rule engine's modules. */
import type { Finding, Report } from "../template";

export type Severity = Finding["severity"];

export interface CheckContext {
  /** the same agency's report of year N−1 and N+1, when stored */
  previous?: Report | null;
  next?: Report | null;
  /** prose of other reports (same year, other agencies) for TXT-REPEAT */
  peers?: { agency: string; prose: string }[];
  /** submission deadline and the moment the report was submitted/published, for LATE */
  deadline?: Date | null;
  submittedAt?: Date | null;
  /** TXT-REPEAT threshold (character-trigram Jaccard), default 0.9 */
  repeatThreshold?: number;
}

/** Where a rule looks: the UI groups the rule list by this. */
export type RuleScope = "report" | "cross-year" | "prose" | "submission";

export interface Rule {
  /** stable code, stored with findings: never rename */
  code: string;
  severity: Severity;
  /** short Chinese title for the rule list */
  title: string;
  /** what the rule checks, in Chinese, for the rule list */
  description: string;
  scope: RuleScope;
  run(report: Report, ctx: CheckContext): Finding[];
}
