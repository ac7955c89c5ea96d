import { getDb } from "@/server/db";
import { getViewer } from "@/server/auth/viewer";
import { buildExport } from "@/server/stats/exports";
import { handleErrors } from "@/lib/respond";
import { gridsToCsv } from "@/lib/stats/grid";
import { gridsToXlsx } from "@/lib/stats/xlsx";

export const dynamic = "force-dynamic";

/** Downloads of every statistics table as CSV or XLSX: /api/export/{overview|consolidated|rankings|reports|trends|quality}. */
export const GET = handleErrors(async (req: Request, ctx: { params: Promise<{ name: string }> }): Promise<Response> => {
  const { name } = await ctx.params;
  const sp = new URL(req.url).searchParams;
  const format = sp.get("format") === "csv" ? "csv" : "xlsx";
  const spec = buildExport(getDb(), { name, params: sp, viewer: await getViewer() });
  const filename = `${spec.file}.${format}`;
  const headers = {
    "Content-Disposition": `attachment; filename="export.${format}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    "Cache-Control": "no-store",
  };
  if (format === "csv") {
    return new Response(gridsToCsv(spec.sheets.flatMap((s) => s.grids)), {
      headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" },
    });
  }
  const buf = await gridsToXlsx(spec.sheets);
  return new Response(new Uint8Array(buf), {
    headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  });
});
