import "server-only";
/** What pages, actions and route handlers use of db/queries/import-web.ts: app/ reaches the database only through server/. */
export * from "@/db/queries/import-web";
