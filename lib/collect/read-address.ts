/**
 * A report from a web address: fetch the page; read the report from the page itself when its tables are
 * there, otherwise from the page's attachments (.pdf .docx .xlsx, then .doc .xls .wps). The page's printed
 * publication date is kept either way. Files are read by `readFetchedFile`, the one place that hands
 * fetched bytes to the same reading step as an upload.
 */
import { readUploadedFile, type ReadReport } from "../upload/intake";
import { fail, type Result } from "../upload/result";
import type { Fetcher } from "./fetcher";
import { attachmentExt, attachments, decodePage, isHtml, pageLinks, printedDate } from "./page";

export interface WebOrigin {
  /** the address given, the one that answered, when, and the date the page printed (YYYY-MM-DD) */
  url: string;
  finalUrl: string;
  fetchedAt: string;
  pageDate: string | null;
}

export interface Target {
  /** null: any year (the report's own) */
  year: number | null;
  agencyName: string | null;
}

/** Fetched bytes → report, exactly as the upload route reads an uploaded file. */
function readFetchedFile({
  bytes,
  fileName,
  target,
  maxBytes,
}: {
  bytes: Uint8Array;
  fileName: string;
  target: Target;
  maxBytes?: number;
}): Promise<Result<ReadReport>> {
  return readUploadedFile({ bytes, fileName, year: target.year, agencyName: target.agencyName, maxBytes });
}

function fileNameOf(url: string, fallback: string): string {
  try {
    const last = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
    return last && last.includes(".") ? last : fallback;
  } catch {
    return fallback;
  }
}

const MAX_ATTACHMENTS = 4;

export async function readFromAddress(
  fetcher: Fetcher,
  { url, target, maxBytes }: { url: string; target: Target; maxBytes?: number },
): Promise<Result<{ read: ReadReport; origin: WebOrigin }>> {
  const page = await fetcher.get(url);
  if (!page.ok) return fail(page.message, undefined, "unreadable");
  const origin = (pageDate: string | null): WebOrigin => ({
    url,
    finalUrl: page.finalUrl,
    fetchedAt: page.fetchedAt,
    pageDate,
  });
  if (!isHtml(page.contentType, page.bytes)) {
    // the address is the report file itself
    const read = await readFetchedFile({
      bytes: page.bytes,
      fileName: fileNameOf(page.finalUrl, "年报文件"),
      target,
      maxBytes,
    });
    return read.ok ? { ok: true, read, origin: origin(null) } : read;
  }
  const html = decodePage(page.bytes, page.contentType);
  const date = printedDate(html);
  const fromPage = await readFetchedFile({
    bytes: page.bytes,
    fileName: fileNameOf(page.finalUrl, "年报网页.html"),
    target,
    maxBytes,
  });
  if (fromPage.ok) return { ok: true, read: fromPage, origin: origin(date) };
  // a report of another year printed in the page is an answer, not a reason to try the attachments
  if (fromPage.code === "wrong_year") return fromPage;
  const files = attachments(pageLinks(html, page.finalUrl)).slice(0, MAX_ATTACHMENTS);
  if (files.length === 0)
    return fail(
      `网页中没有找到年报表格，也没有年报附件（${fromPage.message}）：${page.finalUrl}`,
      undefined,
      "unreadable",
    );
  const reasons: string[] = [];
  for (const link of files) {
    const file = await fetcher.get(link.href);
    if (!file.ok) {
      reasons.push(file.message);
      continue;
    }
    const read = await readFetchedFile({
      bytes: file.bytes,
      fileName: fileNameOf(file.finalUrl, `年报附件.${attachmentExt(link.href)}`),
      target,
      maxBytes,
    });
    if (read.ok) return { ok: true, read, origin: { ...origin(date), finalUrl: file.finalUrl } };
    reasons.push(`附件“${fileNameOf(link.href, link.text)}”：${read.message}`);
  }
  return fail(`网页中没有找到年报表格，附件也无法读取：${reasons.join("；")}`, undefined, "unreadable");
}
