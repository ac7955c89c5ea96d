"use server";
/** Website collection: the admin's host allowlist, and starting a run (worked in the background by this server). */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/server/db";
import { startRun } from "@/server/collect";
import { workRun } from "@/server/collect-runner";
import { setAllowHosts } from "@/server/collect-settings";
import { AGENCY_KINDS } from "@/lib/enums";
import { fail } from "@/lib/upload/result";
import { action } from "@/server/action";
import type { FormState } from "@/app/workspace/_components/action-form";

export const saveAllowHostsAction = action({ permission: "settings.manage" }, ({ viewer, fd }): FormState => {
  const r = setAllowHosts(getDb(), viewer, String(fd.get("allowHosts") ?? "").slice(0, 20_000));
  if (!r.ok) return r;
  revalidatePath("/admin/collect");
  return { ok: true, message: `已保存：${r.patterns.join("、")}` };
});

const runInput = z.object({
  year: z.coerce.number().int().min(2008, "年度无效").max(2100, "年度无效"),
  kind: z.union([z.literal(""), z.enum(AGENCY_KINDS)]).optional(),
  agencies: z.string().max(100_000).optional(),
});

export const startRunAction = action({ input: runInput, permission: "collect.run" }, ({ input, viewer }): FormState => {
  const names = (input.agencies ?? "")
    .split(/[\n,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const db = getDb();
  const r = startRun(db, {
    actor: viewer,
    year: input.year,
    scope: {
      ...(input.kind ? { kind: input.kind } : {}),
      ...(names.length ? { agencies: names } : {}),
    },
  });
  if (!r.ok) return fail(r.message);
  // worked by this server process in the background; the page shows its progress from the database
  void workRun(db, r.runId, { actor: viewer });
  redirect(`/admin/collect?run=${r.runId}`);
});
