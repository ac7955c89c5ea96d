/**
 * Finding one year's report on an agency's annual-report column: read the column page, follow its
 * pagination a few pages deep, and pick the link whose title names that year's report.
 */
import type { Fetcher } from "./fetcher";
import { decodePage, findReportLink, isHtml, nextPage, pageLinks, type PageLink } from "./page";

const MAX_COLUMN_PAGES = 4;

export type ColumnOutcome =
  | { ok: true; link: PageLink; pages: number }
  | { ok: false; notFound: true; message: string }
  | { ok: false; notFound: false; message: string };

export async function findOnColumn(
  fetcher: Fetcher,
  { columnUrl, year, maxPages = MAX_COLUMN_PAGES }: { columnUrl: string; year: number; maxPages?: number },
): Promise<ColumnOutcome> {
  let url: string | null = columnUrl;
  const seen = new Set<string>();
  let pages = 0;
  while (url && pages < maxPages && !seen.has(url)) {
    seen.add(url);
    const page = await fetcher.get(url);
    if (!page.ok) {
      // a failing later page does not hide what the first pages said: the report is not on them
      if (pages === 0) return { ok: false, notFound: false, message: `年报栏目无法访问：${page.message}` };
      return {
        ok: false,
        notFound: true,
        message: `年报栏目前 ${pages} 页没有${year}年度年报（第 ${pages + 1} 页无法访问：${page.message}）`,
      };
    }
    pages++;
    if (!isHtml(page.contentType, page.bytes))
      return { ok: false, notFound: false, message: `年报栏目网址不是网页：${page.finalUrl}` };
    const html = decodePage(page.bytes, page.contentType);
    const links = pageLinks(html, page.finalUrl);
    const link = findReportLink(links, year);
    if (link) return { ok: true, link, pages };
    url = nextPage(html, links, page.finalUrl);
  }
  return {
    ok: false,
    notFound: true,
    message: `年报栏目${pages > 1 ? `前 ${pages} 页` : ""}中没有找到标题含“${year}年…政府信息公开工作年度报告”的链接`,
  };
}
