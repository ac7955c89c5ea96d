import "server-only";
/** What pages and route handlers use of db/queries/scan-jobs.ts: app/ reaches the database only through server/. */
export * from "@/db/queries/scan-jobs";
