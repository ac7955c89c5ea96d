import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Fetcher } from "../../../lib/collect/fetcher";
import { readFromAddress } from "../../../lib/collect/read-address";
import { findReportLink, nextPage, printedDate, reportTitleScore } from "../../../lib/collect/page";
import { startSite, YEAR, type Site } from "../../fixtures/collect/site";

const PORT = 3382;
let site: Site;
const fetcher = () =>
  new Fetcher({ allowHosts: ["127.0.0.1"], allowLoopback: true, timeoutMs: 1500, pauseMs: 0, maxBytes: 20 * 1048576 });
const url = (p: string) => `${site.base}${p}`;
const target = { year: YEAR, agencyName: null };

beforeAll(async () => {
  site = await startSite(PORT);
});
afterAll(() => site.close());

describe("report titles and printed dates", () => {
  it("finds the year's report by its title, tolerating the usual variants, and skips interpretations and plans", () => {
    for (const t of [
      `示例市甲局${YEAR}年政府信息公开工作年度报告`,
      `${YEAR}年度政府信息公开工作年度报告`,
      `${YEAR}年政府信息公开工作年报`,
      `示例市${YEAR}年度政务公开工作年度报告`,
      `二〇二五年政府信息公开工作年度报告`,
    ])
      expect(reportTitleScore(t, YEAR), t).toBeGreaterThan(0);
    for (const t of [
      `《${YEAR}年度政府信息公开工作年度报告》解读`,
      `关于印发${YEAR}年政务公开工作要点的通知`,
      `${YEAR - 1}年政府信息公开工作年度报告`,
      `${YEAR}年部门预算`,
    ])
      expect(reportTitleScore(t, YEAR), t).toBe(0);
    expect(
      findReportLink(
        [
          { text: `${YEAR}年度报告解读`, href: "x" },
          { text: `${YEAR}年政府信息公开工作年度报告`, href: "y" },
        ],
        YEAR,
      )?.href,
    ).toBe("y");
  });
  it("follows a column's next page by its link or by the usual CMS paging script", () => {
    const base = "http://www.example.gov.cn/ndbg/index.html";
    expect(nextPage("", [{ text: "下一页", href: "http://www.example.gov.cn/ndbg/index_1.html" }], base)).toBe(
      "http://www.example.gov.cn/ndbg/index_1.html",
    );
    expect(nextPage('<script>createPageHTML(5, 0, "index", "html");</script>', [], base)).toBe(
      "http://www.example.gov.cn/ndbg/index_1.html",
    );
    expect(nextPage('<script>createPageHTML(2, 1, "index", "html");</script>', [], base)).toBeNull();
  });
  it("reads the printed publication date in its usual forms", () => {
    expect(printedDate("<p>发布日期：2026-01-20 来源：本局</p>")).toBe("2026-01-20");
    expect(printedDate("<span>发布时间: 2026年3月5日</span>")).toBe("2026-03-05");
    expect(printedDate("<p>无日期</p>")).toBeNull();
  });
});

describe("readFromAddress", () => {
  it("reads the tables printed in the page, with the page's date", async () => {
    const r = await readFromAddress(fetcher(), { url: url("/a/report.html"), target });
    expect(r.ok).toBe(true);
    const { read, origin } = r as Extract<typeof r, { ok: true }>;
    expect(read.report.applications.newReceived.total).toBe(site.served.a.report.applications.newReceived.total);
    expect(read.file?.type).toBe("html");
    expect(origin).toMatchObject({ url: url("/a/report.html"), pageDate: `${YEAR + 1}-01-20` });
  });
  it("follows the page's .docx attachment when the tables are not in the page", async () => {
    const r = await readFromAddress(fetcher(), { url: url("/b/report.html"), target });
    expect(r.ok).toBe(true);
    const { read, origin } = r as Extract<typeof r, { ok: true }>;
    expect(read.file?.type).toBe("docx");
    expect(read.report.applications.newReceived.total).toBe(site.served.b.report.applications.newReceived.total);
    expect(origin).toMatchObject({ finalUrl: url("/b/files/report.docx"), pageDate: `${YEAR + 1}-03-05` });
  });
  it("reads a GBK page", async () => {
    const r = await readFromAddress(fetcher(), { url: url("/c/report.html"), target });
    expect(r.ok).toBe(true);
    expect((r as Extract<typeof r, { ok: true }>).read.report.applications.newReceived.total).toBe(
      site.served.c.report.applications.newReceived.total,
    );
    expect((r as Extract<typeof r, { ok: true }>).origin.pageDate).toBe(`${YEAR + 1}-01-15`);
  });
  it("follows a PDF attachment", async () => {
    const r = await readFromAddress(fetcher(), { url: url("/j/report.html"), target });
    expect(r).toMatchObject({ ok: true, read: { file: { type: "pdf" } }, origin: { pageDate: `${YEAR + 1}-01-25` } });
  });
  it("says clearly why an .xls attachment, a 404 and a page of another year cannot be used", async () => {
    const xls = await readFromAddress(fetcher(), { url: url("/k/report.html"), target });
    expect(xls).toMatchObject({ ok: false, message: expect.stringMatching(/附件“report\.xls”：.*(\.xls|Excel)/) });
    expect(await readFromAddress(fetcher(), { url: url("/f/report.html"), target })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/HTTP 404/),
    });
    expect(
      await readFromAddress(fetcher(), { url: url("/a/report.html"), target: { year: YEAR - 1, agencyName: null } }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/所选年度为/) });
  });
});
