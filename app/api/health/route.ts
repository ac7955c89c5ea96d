import { agencyCount } from "@/server/catalog";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true, agencies: agencyCount(getDb()) });
}
