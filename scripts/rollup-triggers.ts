/**
 * Prints a migration that replaces the stats-rollup triggers with their definition in
 * db/queries/rollup-triggers.ts. After changing which writes make a group stale:
 *   npm run -s db:rollup-triggers > db/migrations/00NN_rollup_triggers.sql   (and add it to meta/_journal.json)
 */
import { rollupTriggerMigration } from "../db/queries/rollup-triggers";

process.stdout.write(rollupTriggerMigration());
