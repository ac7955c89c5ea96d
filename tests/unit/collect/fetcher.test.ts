import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Fetcher, type FetcherOptions } from "../../../lib/collect/fetcher";
import { checkIp, hostAllowed, parseAllowlist } from "../../../lib/collect/net-guard";
import { decodePage } from "../../../lib/collect/page";
import { startSite, type Site } from "../../fixtures/collect/site";

const PORT = 3381;
let site: Site;
/** our test DNS: agency hosts resolve to the fixture server, intranet to a private address; nothing else */
const resolve = async (host: string) => {
  if (host === "intranet.example.gov.cn") return ["10.1.2.3"];
  if (host === "mixed.example.gov.cn") return ["127.0.0.1", "192.168.1.5"];
  if (host === "slowdns.example.gov.cn") return new Promise<string[]>(() => {});
  if (host.endsWith(".example.gov.cn")) return ["127.0.0.1"];
  throw new Error("ENOTFOUND");
};
const opts = (o: Partial<FetcherOptions> = {}): FetcherOptions => ({
  allowHosts: ["*.gov.cn"],
  allowLoopback: true,
  timeoutMs: 1500,
  pauseMs: 0,
  maxBytes: 2 * 1048576,
  resolve,
  ...o,
});
const at = (path: string, host = "www.example.gov.cn") => `http://${host}:${PORT}${path}`;

beforeAll(async () => {
  site = await startSite(PORT);
});
afterAll(() => site.close());

describe("address rules", () => {
  it("matches the allowlist by domain suffix only", () => {
    expect(hostAllowed("www.jyj.example.gov.cn", ["*.gov.cn"])).toBe(true);
    expect(hostAllowed("gov.cn.evil.com", ["*.gov.cn"])).toBe(false);
    expect(hostAllowed("evilgov.cn", ["*.gov.cn"])).toBe(false);
    expect(parseAllowlist("*.gov.cn, www.example.org\n127.0.0.1")).toEqual({
      ok: true,
      patterns: ["*.gov.cn", "www.example.org", "127.0.0.1"],
    });
    expect(parseAllowlist("*")).toMatchObject({ ok: false });
  });
  it("refuses loopback, private, link-local (metadata), CGNAT and unique-local addresses", () => {
    for (const ip of [
      "127.0.0.1",
      "10.0.0.1",
      "172.16.5.4",
      "192.168.0.1",
      "169.254.169.254",
      "100.100.100.200",
      "0.0.0.0",
      "::1",
      "fd00::1",
      "fe80::1",
      "::ffff:10.0.0.1",
    ]) {
      const v = checkIp(ip, false);
      expect(v.ok, ip).toBe(false);
      expect((v as { message: string }).message).toMatch(/已拒绝访问/);
    }
    expect(checkIp("202.96.134.133", false).ok).toBe(true);
    expect(checkIp("127.0.0.1", true).ok).toBe(true);
    expect(checkIp("10.0.0.1", true).ok).toBe(false);
  });
});

describe("Fetcher against the fixture site", () => {
  it("fetches a page by connecting to the checked address of a name the system DNS cannot know (.invalid)", async () => {
    const r = await new Fetcher(opts({ allowHosts: ["*.invalid"], resolve: async () => ["127.0.0.1"] })).get(
      at("/a/index.html", "www.agency.invalid"),
    );
    expect(r.ok).toBe(true);
    expect(decodePage((r as { bytes: Uint8Array }).bytes, null)).toContain("下一页");
  });

  it("refuses loopback unless the test setting allows it", async () => {
    const r = await new Fetcher(opts({ allowLoopback: false })).get(at("/a/index.html"));
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/本机回环地址.*已拒绝访问/) });
  });

  it("refuses a host that resolves to a private address, even when one of several answers is private", async () => {
    const f = new Fetcher(opts());
    expect(await f.get(at("/a/index.html", "intranet.example.gov.cn"))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/内网地址（10\.1\.2\.3）/),
    });
    expect(await f.get(at("/a/index.html", "mixed.example.gov.cn"))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/内网地址/),
    });
  });

  it("sees through other spellings of loopback (decimal, IPv4-mapped IPv6)", async () => {
    const f = new Fetcher(opts({ allowLoopback: false, allowHosts: ["127.0.0.1", "::ffff:7f00:1"] }));
    expect(await f.get(`http://2130706433:${PORT}/a/index.html`)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/本机回环地址/),
    });
    expect(await f.get(`http://[::ffff:127.0.0.1]:${PORT}/a/index.html`)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/本机回环地址/),
    });
  });

  it("refuses hosts outside the allowlist and schemes other than http(s)", async () => {
    const f = new Fetcher(opts());
    expect(await f.get(`http://www.example.com:${PORT}/a/index.html`)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/不在允许访问的范围内/),
    });
    expect(await f.get("file:///etc/passwd")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/只支持 http 或 https/),
    });
    expect(await f.get("ftp://www.example.gov.cn/x")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/只支持 http 或 https/),
    });
  });

  it("re-checks every redirect: a redirect to the metadata address and a redirect loop are refused", async () => {
    const f = new Fetcher(opts({ allowHosts: ["*.gov.cn", "169.254.169.254"] }));
    expect(await f.get(at("/to-metadata"))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/链路本地地址.*169\.254\.169\.254/),
    });
    expect(await f.get(at("/redirect-loop"))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/跳转次数过多/),
    });
    expect(site.hits.get("/redirect-loop")).toBe(6);
    const ok = await f.get(at("/e/index.html"));
    expect(ok).toMatchObject({ ok: true, finalUrl: at("/a/index.html") });
  });

  it("gives up on a server that never answers, and stops reading an oversized page", async () => {
    const f = new Fetcher(opts({ timeoutMs: 800 }));
    expect(await f.get(at("/g/index.html"))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/秒内没有完成响应/),
    });
    expect(await f.get(at("/a/index.html", "slowdns.example.gov.cn"))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/解析域名.*超时/),
    });
    const big = await new Fetcher(opts({ maxBytes: 1048576 })).get(at("/h/index.html"));
    expect(big).toMatchObject({ ok: false, message: expect.stringMatching(/超过大小上限（1 MB）/) });
  });

  it("reports a 404 in Chinese, obeys robots.txt, and sends one request at a time per host", async () => {
    const f = new Fetcher(opts());
    expect(await f.get(at("/f/index.html"))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/网页不存在（HTTP 404）/),
    });
    const before = site.hits.get("/private/index.html") ?? 0;
    expect(await f.get(at("/private/index.html"))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/robots\.txt 不允许/),
    });
    expect(site.hits.get("/private/index.html") ?? 0).toBe(before);
    const results = await Promise.all([1, 2, 3, 4].map(() => f.get(at("/slow-count"))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(site.maxConcurrent).toBe(1);
  });

  it("decodes a GBK page declared in the header", async () => {
    const r = await new Fetcher(opts()).get(at("/c/report.html"));
    expect(r.ok).toBe(true);
    const f = r as { bytes: Uint8Array; contentType: string };
    expect(decodePage(f.bytes, f.contentType)).toContain("政府信息公开工作年度报告");
  });
});
