"use server";
/** Admin bulk import by web address (see server/import-web.ts). */
import { importSummary } from "@/lib/upload/import-summary";
import { revalidatePath } from "next/cache";
import { getDb } from "@/server/db";
import { importAddresses, parseAddressLines } from "@/server/import-web";
import { getViewer } from "@/server/auth/viewer";
import { refreshStats } from "@/server/stats/refresh";
import { can } from "@/lib/permissions";
import { fail, FORBIDDEN, SIGN_IN } from "@/lib/upload/result";
import type { ImportState } from "../actions";

export async function importAddressesAction(_p: ImportState | null, fd: FormData): Promise<ImportState> {
  const viewer = await getViewer();
  if (!viewer) return fail(SIGN_IN);
  if (!can(viewer, "import.bulk")) return fail(FORBIDDEN);
  const parsed = parseAddressLines(String(fd.get("addresses") ?? "").slice(0, 200_000));
  if (!parsed.ok) return fail(parsed.message, { addresses: parsed.message });
  const results = await importAddresses(getDb(), {
    actor: viewer,
    lines: parsed.lines,
    opts: { publish: fd.get("publish") === "1", createAgencies: fd.get("create") === "1" },
  });
  refreshStats(getDb());
  revalidatePath("/", "layout");
  return {
    ok: true,
    message: importSummary(
      "网址",
      results.map((r) => r.status),
    ),
    results,
  };
}
