/**
 * A report given by the address of its web page (upload page, agency and staff): the server fetches it
 * under the fetcher's rules, reads the page or its attachment, and parks the result for the same preview
 * as an upload. `{ ok: false, message }` in Chinese otherwise; nothing is stored here.
 */
import { getDb } from "@/server/db";
import { fetcherFor } from "@/server/collect-settings";
import { isSameOrigin } from "@/lib/auth/same-origin";
import { getViewer } from "@/server/auth/viewer";
import { checkAddress } from "@/lib/collect/address";
import { readFromAddress } from "@/lib/collect/read-address";
import { fail, zodFail, SIGN_IN } from "@/lib/upload/result";
import { maxUploadBytes } from "@/lib/upload/sniff";
import { stage } from "@/server/upload/staging";
import { resolveTarget, targetInput } from "@/app/workspace/target";

export const dynamic = "force-dynamic";

const json = (body: unknown, status = 200) => Response.json(body, { status });

export async function POST(req: Request) {
  if (!isSameOrigin(req)) return json(fail("请求来源不合法（跨站请求已拒绝）"), 403);
  const viewer = await getViewer();
  if (!viewer) return json(fail(SIGN_IN), 401);
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return json(fail("请求内容无法读取"), 400);
  }
  const parsed = targetInput.safeParse({ agencyId: form.get("agencyId"), year: form.get("year") });
  if (!parsed.success) return json(zodFail(parsed.error), 400);
  const db = getDb();
  const target = resolveTarget(db, viewer, parsed.data);
  if (!target.ok) return json(target, target.message.includes("权限") ? 403 : 400);
  const raw = String(form.get("url") ?? "").trim();
  if (!raw) return json(fail("请填写年报网页的网址", { url: "请填写网址" }), 400);
  const address = checkAddress(raw);
  if (!address.ok) return json(fail(address.message, { url: address.message }), 400);
  const got = await readFromAddress(fetcherFor(db), address.url.href, { year: target.year, agencyName: target.agencyName }, maxUploadBytes());
  if (!got.ok) return json(got, 422);
  const { read, origin } = got;
  const s = stage({
    userId: viewer.id, agencyId: target.agencyId, year: target.year, source: "web", file: read.file, origin,
    extractedText: read.text, report: read.report, warnings: read.warnings, provenance: read.provenance,
  });
  return json({ ok: true, previewUrl: `/workspace/preview/${s.id}` });
}
