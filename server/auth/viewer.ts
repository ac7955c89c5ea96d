import "server-only";
/** The signed-in user, re-read from the database on every request so a disabled account stops at once. */
import { getServerSession } from "next-auth";
import { getDb } from "@/db/client";
import { userForViewer } from "@/db/queries/users";
import type { Viewer } from "@/lib/permissions";
import { authOptions } from "./options";

export async function getViewer(): Promise<Viewer> {
  const session = await getServerSession(authOptions);
  const uid = (session?.user as { id?: number } | undefined)?.id;
  if (!uid) return null;
  const row = userForViewer(getDb(), uid);
  if (!row || row.disabled) return null;
  return { id: row.id, login: row.login, name: row.name, role: row.role, agencyId: row.agencyId };
}
