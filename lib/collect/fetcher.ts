/**
 * The polite, safe fetcher every web read goes through (import from an address, collection runs).
 *
 * Each hop (the address and every redirect, at most MAX_REDIRECTS): http/https only, the host must match
 * the admin's allowlist, the name is resolved and every address checked (net-guard), and the connection is
 * made to that checked address (a fixed DNS answer handed to the socket: no second lookup an attacker
 * could rebind). robots.txt of each origin is read once and obeyed. One request at a time per host, with
 * a pause between requests. A total time-out per request, and the body is counted while it streams and
 * cut at the size limit. Every refusal or failure is a Chinese sentence; nothing throws.
 */
import type { LookupAddress } from "node:dns";
import robotsParser from "robots-parser";
import { Agent, request } from "undici";
import { checkAddress } from "./address";
import { MAX_REDIRECTS, ROBOTS_TOKEN, USER_AGENT, type CollectConfig } from "./config";
import { hostAllowed, resolveChecked, systemResolver, type Resolver } from "./net-guard";

export interface Fetched {
  ok: true;
  /** the address asked for, and the one that answered after redirects */
  url: string;
  finalUrl: string;
  contentType: string | null;
  bytes: Uint8Array;
  fetchedAt: string;
}
export type FetchOutcome = Fetched | { ok: false; url: string; message: string };

export interface FetcherOptions extends CollectConfig {
  allowHosts: string[];
  resolve?: Resolver;
  /** false only for robots.txt itself */
  robots?: boolean;
}

type Robots = ReturnType<typeof robotsParser> | null;
const MAX_ROBOTS_BYTES = 512 * 1024;

/** Drops a response body we will not read (undici reports the abort as an error event: swallow it). */
function discard(body: { on(e: "error", f: () => void): unknown; destroy(): unknown }): void {
  body.on("error", () => {});
  body.destroy();
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10}`;

function networkMessage(e: unknown, timeoutMs: number): string {
  const err = e as { code?: string; name?: string; cause?: { code?: string } };
  const code = err?.code ?? err?.cause?.code ?? err?.name ?? "";
  if (
    code === "AbortError" ||
    code === "TimeoutError" ||
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "UND_ERR_BODY_TIMEOUT" ||
    code === "UND_ERR_ABORTED"
  )
    return `网站在 ${seconds(timeoutMs)} 秒内没有完成响应，已放弃`;
  if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "ETIMEDOUT") return "连接网站超时";
  if (code === "ECONNREFUSED") return "网站拒绝连接（服务器可能未开机或端口不对）";
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "网站中途断开了连接";
  if (/CERT|SSL|TLS/i.test(code)) return "网站的 HTTPS 证书无效，已拒绝访问";
  return `无法访问该网址（${code || "网络错误"}）`;
}

export class Fetcher {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly robotsCache = new Map<string, Promise<Robots>>();
  private readonly resolve: Resolver;

  constructor(private readonly opts: FetcherOptions) {
    this.resolve = opts.resolve ?? systemResolver;
  }

  /** Runs fn when the host's previous request is done and the pause after it has passed. */
  private async slot<T>(host: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(host) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    this.queues.set(
      host,
      prev.then(() => mine),
    );
    await prev;
    try {
      return await fn();
    } finally {
      setTimeout(release, this.opts.pauseMs);
    }
  }

  private robotsFor(origin: string): Promise<Robots> {
    let p = this.robotsCache.get(origin);
    if (!p) {
      const robotsUrl = `${origin}/robots.txt`;
      p = this.fetch(robotsUrl, { robots: false, maxBytes: MAX_ROBOTS_BYTES }).then((r) =>
        // only a robots.txt that was read restricts; a missing one (404) or an unreachable one allows
        r.ok ? robotsParser(robotsUrl, Buffer.from(r.bytes).toString("utf8")) : null,
      );
      this.robotsCache.set(origin, p);
    }
    return p;
  }

  /** GET an address under every rule above. */
  async get(raw: string): Promise<FetchOutcome> {
    return this.fetch(raw, { robots: this.opts.robots ?? true, maxBytes: this.opts.maxBytes });
  }

  private async fetch(raw: string, o: { robots: boolean; maxBytes: number }): Promise<FetchOutcome> {
    let current = raw;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const checked = checkAddress(current);
      if (!checked.ok) return { ok: false, url: raw, message: checked.message };
      const url = checked.url;
      if (!hostAllowed(url.hostname, this.opts.allowHosts))
        return {
          ok: false,
          url: raw,
          message: `网站“${url.hostname}”不在允许访问的范围内（${this.opts.allowHosts.join("、")}），请管理员在“网站采集”设置中添加`,
        };
      if (o.robots) {
        const robots = await this.robotsFor(url.origin);
        if (robots && robots.isDisallowed(url.href, ROBOTS_TOKEN))
          return { ok: false, url: raw, message: `该网站的 robots.txt 不允许抓取此网页：${url.href}` };
      }
      const step = await this.slot(url.host, () => this.once(url, o.maxBytes));
      if (!step.ok) return { ok: false, url: raw, message: step.message };
      if (step.location === null) {
        return {
          ok: true,
          url: raw,
          finalUrl: url.href,
          contentType: step.contentType,
          bytes: step.bytes,
          fetchedAt: new Date().toISOString(),
        };
      }
      try {
        current = new URL(step.location, url).href;
      } catch {
        return { ok: false, url: raw, message: "网站返回了无效的跳转地址" };
      }
    }
    return { ok: false, url: raw, message: `跳转次数过多（超过 ${MAX_REDIRECTS} 次），已停止` };
  }

  /** One request to one checked address; a redirect is returned, not followed. */
  private async once(
    url: URL,
    maxBytes: number,
  ): Promise<
    | { ok: true; location: string | null; contentType: string | null; bytes: Uint8Array }
    | { ok: false; message: string }
  > {
    // the name lookup is bounded by the same time-out as the request
    let dnsTimer: NodeJS.Timeout | undefined;
    const target = await Promise.race([
      resolveChecked(url.hostname, this.resolve, this.opts.allowLoopback),
      new Promise<{ ok: false; message: string }>(
        (r) =>
          (dnsTimer = setTimeout(
            () => r({ ok: false, message: `解析域名“${url.hostname}”超时` }),
            this.opts.timeoutMs,
          )),
      ),
    ]).finally(() => clearTimeout(dnsTimer));
    if (!target.ok) return target;
    const { ip, family } = target;
    const fixedLookup = (
      _host: string,
      options: { all?: boolean },
      cb: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
    ) => (options?.all ? cb(null, [{ address: ip, family }]) : cb(null, ip, family));
    const timeoutMs = this.opts.timeoutMs;
    const agent = new Agent({
      connect: { lookup: fixedLookup as never, timeout: timeoutMs },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      connections: 1,
      pipelining: 0,
    });
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const res = await request(url, {
        dispatcher: agent,
        method: "GET",
        signal: abort.signal,
        headers: {
          "user-agent": USER_AGENT,
          accept:
            "text/html,application/xhtml+xml,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.*,*/*;q=0.5",
          "accept-language": "zh-CN,zh;q=0.9",
        },
      });
      const header = (k: string) => {
        const v = res.headers[k];
        return Array.isArray(v) ? v[0] : (v ?? null);
      };
      if (res.statusCode >= 300 && res.statusCode < 400 && res.statusCode !== 304) {
        discard(res.body);
        const location = header("location");
        if (!location) return { ok: false, message: `网站返回跳转（HTTP ${res.statusCode}）但没有给出目标地址` };
        return { ok: true, location, contentType: null, bytes: new Uint8Array() };
      }
      if (res.statusCode !== 200) {
        discard(res.body);
        return {
          ok: false,
          message:
            res.statusCode === 404 || res.statusCode === 410
              ? `网页不存在（HTTP ${res.statusCode}）：${url.href}`
              : `网站返回错误（HTTP ${res.statusCode}）：${url.href}`,
        };
      }
      const tooBig = `网页或文件超过大小上限（${Math.round(maxBytes / 1048576) || "<1"} MB），已停止下载：${url.href}`;
      const declared = Number(header("content-length") ?? 0);
      if (declared > maxBytes) {
        discard(res.body);
        return { ok: false, message: tooBig };
      }
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > maxBytes) {
          discard(res.body);
          return { ok: false, message: tooBig };
        }
        chunks.push(chunk);
      }
      return {
        ok: true,
        location: null,
        contentType: header("content-type"),
        bytes: new Uint8Array(Buffer.concat(chunks)),
      };
    } catch (e) {
      return {
        ok: false,
        message: abort.signal.aborted
          ? `网站在 ${seconds(timeoutMs)} 秒内没有完成响应，已放弃：${url.href}`
          : `${networkMessage(e, timeoutMs)}：${url.href}`,
      };
    } finally {
      clearTimeout(timer);
      agent.destroy().catch(() => {});
    }
  }
}
