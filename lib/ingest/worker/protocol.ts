/** Messages between the pool (pool.ts) and the worker thread (entry.ts). */
import type { ParseOutcome } from "../types";

export type Job =
  { kind: "file"; bytes: Uint8Array; fileName?: string; maxBytes?: number } | { kind: "text"; text: string };

export interface JobReply {
  id: number;
  outcome: ParseOutcome;
  /** stack of an unexpected exception, logged by the pool */
  crash?: string;
}
