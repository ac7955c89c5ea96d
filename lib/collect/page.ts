/**
 * Reading agency web pages (pure, no network): the character set (GBK/GB2312/GB18030 or UTF-8, from the
 * HTTP header, the page's meta tag, or the bytes), the links with their titles, the attachments, the
 * printed publication date (发布日期/发布时间), the next page of a column, and the link of one year's report.
 */
import * as cheerio from "cheerio";
import { decodeDeclared, decodeText } from "../ingest/readers/text";

const ATTACHMENT_EXTS = ["pdf", "docx", "doc", "xlsx", "xls", "wps"] as const;

export function isHtml(contentType: string | null, bytes: Uint8Array): boolean {
  if (contentType && /html|xml/i.test(contentType)) return true;
  if (contentType && !/text\/plain|octet-stream/i.test(contentType)) return false;
  const head = Buffer.from(bytes.subarray(0, 2048)).toString("latin1").toLowerCase();
  return /<html|<!doctype html|<body|<head|<a\s/.test(head);
}

function charsetOf(contentType: string | null, bytes: Uint8Array): string | null {
  const fromHeader = contentType?.match(/charset\s*=\s*["']?([\w-]+)/i)?.[1];
  if (fromHeader) return fromHeader.toLowerCase();
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1");
  return head.match(/<meta[^>]+charset\s*=\s*["']?([\w-]+)/i)?.[1]?.toLowerCase() ?? null;
}

/** The page as text; GBK and GB2312 are decoded as GB18030 (their superset). */
export function decodePage(bytes: Uint8Array, contentType: string | null): string {
  return decodeDeclared(bytes, charsetOf(contentType, bytes)) ?? decodeText(bytes);
}

export interface PageLink {
  text: string;
  href: string;
}

const squash = (s: string) => s.replace(/[\s\u3000\u00a0]+/g, "");

/** Every link of the page, absolute, with the longer of its text and its title attribute. */
export function pageLinks(html: string, base: string): PageLink[] {
  const $ = cheerio.load(html);
  const out: PageLink[] = [];
  $("a[href]").each((_, el) => {
    const a = $(el);
    const rawHref = (a.attr("href") ?? "").trim();
    if (!rawHref || /^(javascript|mailto|tel):/i.test(rawHref) || rawHref.startsWith("#")) return;
    let href: string;
    try {
      href = new URL(rawHref, base).href;
    } catch {
      return;
    }
    const text = squash(a.text());
    const title = squash(a.attr("title") ?? "");
    out.push({ text: title.length > text.length ? title : text, href });
  });
  return out;
}

export function attachmentExt(href: string): (typeof ATTACHMENT_EXTS)[number] | null {
  let path: string;
  try {
    path = decodeURIComponent(new URL(href).pathname).toLowerCase();
  } catch {
    return null;
  }
  const ext = path.split(".").pop() ?? "";
  return (ATTACHMENT_EXTS as readonly string[]).includes(ext) ? (ext as (typeof ATTACHMENT_EXTS)[number]) : null;
}

/** The page's attachments, the formats our readers handle best first. */
export function attachments(links: PageLink[]): PageLink[] {
  const seen = new Set<string>();
  const list = links.filter((l) => attachmentExt(l.href) && !seen.has(l.href) && seen.add(l.href));
  return list.sort(
    (a, b) => ATTACHMENT_EXTS.indexOf(attachmentExt(a.href)!) - ATTACHMENT_EXTS.indexOf(attachmentExt(b.href)!),
  );
}

/** The publication date the page prints (发布日期 / 发布时间 / 发布于 / 日期), as YYYY-MM-DD. */
export function printedDate(html: string): string | null {
  const text = cheerio
    .load(html)
    .root()
    .text()
    .replace(/[\s\u3000\u00a0]+/g, " ");
  const m = text.match(
    /(?:发布|成文|公开)(?:日期|时间|于)\s*[:：]?\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/,
  );
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The column's next page: a 下一页 link, or the usual CMS script `createPageHTML(total, current, "index", "html")`. */
export function nextPage(html: string, links: PageLink[], base: string): string | null {
  const next = links.find((l) => /^(下一页|下页|后一页|下一頁|>|›|»)$/.test(l.text));
  if (next && next.href !== base) return next.href;
  const m = html.match(
    /createPageHTML\(\s*['"]?(\d+)['"]?\s*,\s*['"]?(\d+)['"]?\s*,\s*['"]([\w-]+)['"]\s*,\s*['"](\w+)['"]/,
  );
  if (m) {
    const [total, cur, name, ext] = [Number(m[1]), Number(m[2]), m[3], m[4]];
    if (cur + 1 < total) return new URL(`${name}_${cur + 1}.${ext}`, base).href;
  }
  return null;
}

const CN_DIGITS = "〇一二三四五六七八九";
const cnYear = (year: number) => [...String(year)].map((d) => CN_DIGITS[Number(d)]).join("");

/**
 * How well a link title names the annual report of `year` (0: not at all). Accepts 2024年 / 2024年度 /
 * 二〇二四年 and 政府信息公开工作年度报告 / 政务公开工作年度报告 / 信息公开年报 / 工作年报; refuses
 * interpretations (解读, 图解) and other documents (要点, 方案, 计划).
 */
export function reportTitleScore(title: string, year: number): number {
  const t = squash(title).replace(/[（）()《》〈〉"“”]/g, "");
  if (!t.includes(String(year)) && !t.includes(cnYear(year))) return 0;
  if (/解读|图解|图表|要点|方案|计划|通知|目录|指南/.test(t)) return 0;
  const otherYear = [...t.matchAll(/(19|20)\d{2}/g)].some((m) => m[0] !== String(year));
  if (!/(信息公开|政务公开).{0,8}(年度报告|年报)|工作年报|年度报告/.test(t)) return 0;
  let score = 1;
  if (/政府信息公开工作年度报告/.test(t)) score += 2;
  if (new RegExp(`${year}年度?`).test(t)) score += 1;
  if (otherYear) score -= 0.5;
  return score;
}

/** The best link for the year's report among the column's links, or null. */
export function findReportLink(links: PageLink[], year: number): PageLink | null {
  let best: PageLink | null = null;
  let bestScore = 0;
  for (const l of links) {
    const s = reportTitleScore(l.text, year);
    if (s > bestScore) ((best = l), (bestScore = s));
  }
  return best;
}
