import { getDb } from "@/db/client";

export const dynamic = "force-dynamic";

export function GET() {
  const row = getDb().$client.prepare("select count(*) n from agencies").get() as { n: number };
  return Response.json({ ok: true, agencies: row.n });
}
