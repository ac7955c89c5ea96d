/**
 * Uploads waiting in the preview step. Nothing is written to the database until the user saves, so a
 * rejected or abandoned upload changes nothing; the parsed report and the original bytes wait here, in
 * the memory of the one server process (like the login throttle), bound to the user who uploaded them.
 */
import { randomBytes } from "node:crypto";
import type { Provenance } from "../ingest/types";
import type { WebOrigin } from "../collect/read-address";
import type { ParseWarning, Report } from "../template";

export type StagedSource = "upload" | "paste" | "form" | "web";

export interface Staged {
  id: string;
  userId: number;
  agencyId: number;
  year: number;
  source: StagedSource;
  file: { name: string; type: string; bytes: Uint8Array } | null;
  extractedText: string | null;
  report: Report;
  warnings: ParseWarning[];
  provenance: Record<string, Provenance>;
  /** read from a web address (source "web") */
  origin?: WebOrigin | null;
  createdAt: number;
}

const TTL_MS = 2 * 3600 * 1000;
const MAX_ITEMS = 300;
/** parked originals are held in memory: bound their total so abandoned previews cannot exhaust it */
const MAX_TOTAL_BYTES = 400 * 1024 * 1024;

const g = globalThis as unknown as { __xxgkStaging?: Map<string, Staged> };
const store = (g.__xxgkStaging ??= new Map<string, Staged>());

function sweep(now: number): void {
  for (const [k, v] of store) if (now - v.createdAt > TTL_MS) store.delete(k);
  while (store.size >= MAX_ITEMS) store.delete(store.keys().next().value as string);
  let total = 0;
  for (const v of store.values()) total += v.file?.bytes.length ?? 0;
  // Map iteration is insertion order: the oldest previews go first
  for (const [k, v] of store) {
    if (total <= MAX_TOTAL_BYTES) break;
    total -= v.file?.bytes.length ?? 0;
    store.delete(k);
  }
}

export function stage(item: Omit<Staged, "id" | "createdAt">, now = Date.now()): Staged {
  sweep(now);
  const staged: Staged = { ...item, id: randomBytes(12).toString("base64url"), createdAt: now };
  store.set(staged.id, staged);
  return staged;
}

/** The staged upload, only for the user who made it. */
export function getStaged(id: string, userId: number, now = Date.now()): Staged | null {
  const s = store.get(id);
  if (!s || s.userId !== userId || now - s.createdAt > TTL_MS) return null;
  return s;
}

export function updateStaged(id: string, patch: Partial<Pick<Staged, "report">>): void {
  const s = store.get(id);
  if (s) store.set(id, { ...s, ...patch });
}

export function dropStaged(id: string): void {
  store.delete(id);
}

export const STAGING_EXPIRED = "预览已过期或不存在，请重新上传";
