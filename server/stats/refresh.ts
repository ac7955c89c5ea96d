import "server-only";
/**
 * `refreshStats(db)`: called by every server action that writes report numbers, statuses or agencies, right
 * after the write, so the stats rollup is current before the next page view (db/queries/rollup.ts says who
 * else calls it). A GET never needs to write, except the stats reads' own catch-up after a write by another
 * process.
 */
export { refreshStats } from "@/db/queries/rollup";
