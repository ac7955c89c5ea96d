import "server-only";
/** What pages, actions and route handlers use of db/queries/agency-web.ts: app/ reaches the database only through server/. */
export * from "@/db/queries/agency-web";
