import { getDb } from "@/server/db";
import { listYears } from "@/server/catalog";
import { json } from "@/server/stats/api";
import { expectedTemplate } from "@/lib/template";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const years = listYears(getDb()).map((y) => ({
    year: y.year,
    deadline: y.deadline,
    template: expectedTemplate(y.year),
    expectedAgencies: y.agencies,
    publishedReports: y.published,
  }));
  return json({ years });
}
