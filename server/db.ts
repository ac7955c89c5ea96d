import "server-only";
/**
 * The database handle for pages, actions and route handlers: app/ never imports db/ (README: Folder map),
 * it takes the handle from here and passes it to server functions. The raw connection (`$client`) is off
 * limits outside db/ (lint: SQL lives in db/queries).
 */
export { getDb, type Db } from "@/db/client";
