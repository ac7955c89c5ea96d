import "server-only";
/**
 * Works through a collection run, one agency at a time, writing each outcome as it goes (so progress is
 * visible and a restart continues with the next pending agency). One run is worked by one loop per
 * process; a run whose process stopped (no heartbeat) is picked up again by `resumeStaleRuns`.
 */
import { findOnColumn } from "@/lib/collect/column";
import type { Fetcher } from "@/lib/collect/fetcher";
import { readFromAddress } from "@/lib/collect/read-address";
import type { Db } from "@/db/client";
import { SYSTEM, type Actor } from "@/db/queries/audit";
import { refreshStats } from "@/db/queries/rollup";
import { fetcherFor } from "@/db/queries/collect-settings";
import {
  finishItem,
  finishRun,
  nextPending,
  staleRuns,
  storeFind,
  touchRun,
  type PendingItem,
} from "@/db/queries/collect";

/** Heartbeats older than this mean the run's process is gone. */
export const STALE_MS = 90_000;

const g = globalThis as unknown as { __xxgkCollecting?: Set<number> };
const active = (g.__xxgkCollecting ??= new Set<number>());

export function isActive(runId: number): boolean {
  return active.has(runId);
}

/** One agency: column → the year's link → the report (page or attachment) → filed. Never throws. */
export async function collectOne(
  db: Db,
  { fetcher, actor, item }: { fetcher: Fetcher; actor: Actor; item: PendingItem },
): Promise<void> {
  try {
    const col = await findOnColumn(fetcher, { columnUrl: item.columnUrl, year: item.year });
    if (!col.ok)
      return finishItem(db, item.id, { status: col.notFound ? "not_found" : "failed", message: col.message });
    const got = await readFromAddress(fetcher, {
      url: col.link.href,
      target: { year: item.year, agencyName: item.agencyName },
    });
    if (!got.ok)
      return finishItem(db, item.id, {
        status: "failed",
        message: `找到“${col.link.text.slice(0, 60)}”，但无法读取：${got.message}`,
        reportUrl: col.link.href,
      });
    const stored = storeFind(db, actor, {
      agencyId: item.agencyId,
      year: item.year,
      read: got.read,
      origin: got.origin,
    });
    finishItem(db, item.id, {
      status: stored.status,
      message: stored.message,
      reportUrl: got.origin.finalUrl,
      pageDate: got.origin.pageDate,
      findId: stored.findId,
    });
  } catch (e) {
    finishItem(db, item.id, {
      status: "failed",
      message: `处理时出错：${e instanceof Error ? e.message.slice(0, 200) : String(e)}`,
    });
  }
}

/** Works the run to its end (or returns at once if this process already works it). */
export async function workRun(
  db: Db,
  runId: number,
  opts: { fetcher?: Fetcher; actor?: Actor; onItem?: (item: PendingItem) => void } = {},
): Promise<void> {
  if (active.has(runId)) return;
  active.add(runId);
  const fetcher = opts.fetcher ?? fetcherFor(db);
  const beat = setInterval(() => touchRun(db, runId), 20_000);
  beat.unref?.();
  try {
    touchRun(db, runId);
    for (let item = nextPending(db, runId); item; item = nextPending(db, runId)) {
      opts.onItem?.(item);
      await collectOne(db, { fetcher, actor: opts.actor ?? SYSTEM, item });
    }
    finishRun(db, runId);
  } finally {
    // collected drafts count in the staff's drafts view of the city sums
    refreshStats(db);
    clearInterval(beat);
    active.delete(runId);
  }
}

/** Continues, in the background, every run left unfinished by a stopped process. */
export function resumeStaleRuns(db: Db): number[] {
  const ids = staleRuns(db, STALE_MS).filter((id) => !active.has(id));
  for (const id of ids) void workRun(db, id);
  return ids;
}
