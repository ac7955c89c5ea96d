import { getDb } from "@/server/db";
import { listAgencies } from "@/server/catalog";
import { json } from "@/server/stats/api";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const agencies = listAgencies(getDb()).map((a) => ({
    id: a.id,
    name: a.name,
    shortName: a.shortName,
    kind: a.kind,
    parentId: a.parentId,
    publishedYears: a.publishedYears ? a.publishedYears.split(",").map(Number) : [],
  }));
  return json({ agencies });
}
