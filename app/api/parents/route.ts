/**
 * The options of the statistics filters' "所属" select (agencies with agencies under them), fetched by
 * the select when a visitor reaches for it in a city with many of them (components/stats/parent-select).
 * Public data: names of agencies and how many agencies are under each.
 */
import { getDb } from "@/server/db";
import { listParents } from "@/server/stats";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ parents: listParents(getDb()) });
}
