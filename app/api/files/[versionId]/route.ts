/**
 * Download of a stored original. Staff and the agency itself may fetch any version; anyone may fetch a
 * version that was published. Always an attachment with a name built from stored metadata (RFC 5987),
 * so an uploaded HTML file is never rendered in our origin.
 */
import { z } from "zod";
import { getDb } from "@/server/db";
import { fileForDownload } from "@/server/workflow";
import { getViewer } from "@/server/auth/viewer";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/respond";
import { contentDisposition, downloadName } from "@/lib/upload/disposition";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ versionId: string }> }) {
  const id = z.coerce
    .number()
    .int()
    .positive()
    .safeParse((await ctx.params).versionId);
  if (!id.success) return errorResponse(new AppError("bad_request", "版本编号无效"));
  const viewer = await getViewer();
  const f = fileForDownload(getDb(), viewer, id.data);
  // Not found and not allowed look the same, so drafts of other agencies are not revealed.
  if (!f) return errorResponse(new AppError("not_found", "文件不存在或无权下载"));
  const name = downloadName(f.name, f.type, `${f.agencyName}${f.year}年报-第${f.versionNo}版`);
  return new Response(new Uint8Array(f.bytes), {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Disposition": contentDisposition(name),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "sandbox; default-src 'none'; frame-ancestors 'none'; object-src 'none'", // also set in next.config.js, which would replace it
    },
  });
}
