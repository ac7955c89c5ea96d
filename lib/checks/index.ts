/** Placeholder until the rule engine lands: the signature other modules rely on. */
import type { Finding, Report } from "../template";

export interface CheckContext {
  /** the same agency's report of year N−1 and N+1, when stored */
  previous?: Report | null;
  next?: Report | null;
  /** prose of other reports (same year, other agencies) for TXT-REPEAT */
  peers?: { agency: string; prose: string }[];
  /** submission deadline and the moment the report was submitted/published, for LATE */
  deadline?: Date | null;
  submittedAt?: Date | null;
}

export function checkReport(_report: Report, _ctx: CheckContext = {}): Finding[] {
  return [];
}
