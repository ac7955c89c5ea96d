/**
 * The home page's agency list (the first 60 agencies of each kind, with their published years), loaded
 * when the visitor opens it, so the home page's HTML stays small at province scale. Public data only:
 * agency names and the years with a published report.
 */
import { getDb } from "@/server/db";
import { agencyDirectory } from "@/server/agency-page";

export const dynamic = "force-dynamic";

const HOME_AGENCIES_PER_KIND = 60;

export function GET() {
  return Response.json({ kinds: agencyDirectory(getDb(), HOME_AGENCIES_PER_KIND) });
}
