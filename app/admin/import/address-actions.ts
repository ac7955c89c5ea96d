"use server";
/** Admin bulk import by web address (see server/import-web.ts). */
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
  const n = (s: string) => results.filter((r) => r.status === s).length;
  return {
    ok: true,
    message: `共 ${results.length} 个网址：导入 ${n("imported")}，未变化 ${n("unchanged")}，需处理 ${n("attention")}，失败 ${n("failed")}`,
    results,
  };
}
