/**
 * A report given by the address of its web page (upload page, agency and staff): the server fetches it
 * under the fetcher's rules, reads the page or its attachment, and parks the result for the same preview
 * as an upload. `{ ok: false, code, message }` in Chinese otherwise (status from the code); nothing is stored here.
 */
import { getDb } from "@/server/db";
import { fetcherFor } from "@/server/collect-settings";
import { isSameOrigin } from "@/lib/auth/same-origin";
import { getViewer } from "@/server/auth/viewer";
import { checkAddress } from "@/lib/collect/address";
import { readFromAddress } from "@/lib/collect/read-address";
import { errorResponse } from "@/lib/respond";
import { fail, forbidden, signInFirst, zodFail } from "@/lib/upload/result";
import { maxUploadBytes } from "@/lib/upload/sniff";
import { stage } from "@/server/upload/staging";
import { resolveTarget, targetInput } from "@/app/workspace/target";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  if (!isSameOrigin(req)) return errorResponse(forbidden("请求来源不合法（跨站请求已拒绝）"));
  const viewer = await getViewer();
  if (!viewer) return errorResponse(signInFirst());
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return errorResponse(fail("请求内容无法读取"));
  }
  const parsed = targetInput.safeParse({ agencyId: form.get("agencyId"), year: form.get("year") });
  if (!parsed.success) return errorResponse(zodFail(parsed.error));
  const db = getDb();
  const target = resolveTarget(db, viewer, parsed.data);
  if (!target.ok) return errorResponse(target);
  const raw = String(form.get("url") ?? "").trim();
  if (!raw) return errorResponse(fail("请填写年报网页的网址", { url: "请填写网址" }));
  const address = checkAddress(raw);
  if (!address.ok) return errorResponse(fail(address.message, { url: address.message }));
  const got = await readFromAddress(fetcherFor(db), {
    url: address.url.href,
    target: { year: target.year, agencyName: target.agencyName },
    maxBytes: maxUploadBytes(),
  });
  if (!got.ok) return errorResponse(got);
  const { read, origin } = got;
  const s = stage({
    userId: viewer.id,
    agencyId: target.agencyId,
    year: target.year,
    source: "web",
    file: read.file,
    origin,
    extractedText: read.text,
    report: read.report,
    warnings: read.warnings,
    provenance: read.provenance,
  });
  return Response.json({ ok: true, previewUrl: `/workspace/preview/${s.id}` });
}
