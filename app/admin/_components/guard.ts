import { notFound, redirect } from "next/navigation";
import { getViewer } from "@/server/auth/viewer";
import { can, type Permission, type Viewer } from "@/lib/permissions";

/** Pages of the admin area: signed-in and allowed, else the login page or a plain 404. */
export async function requirePage(permission: Permission, path: string): Promise<NonNullable<Viewer>> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  if (!can(viewer, permission)) notFound();
  return viewer;
}
