import "server-only";
/** What pages, actions and route handlers use of db/queries/collect-tracking.ts: app/ reaches the database only through server/. */
export * from "@/db/queries/collect-tracking";
