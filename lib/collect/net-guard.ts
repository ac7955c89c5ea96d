/**
 * Which hosts and addresses the fetcher may reach: the admin's host allowlist, and only public unicast IP
 * addresses after DNS resolution (never loopback, private, link-local — which includes cloud metadata at
 * 169.254.169.254 — carrier-grade NAT, multicast, reserved, or IPv6 unique-local). Loopback is allowed
 * only when the caller says so (tests, through COLLECT_ALLOW_LOOPBACK=1).
 */
import { lookup as dnsLookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";

export const DEFAULT_ALLOW_HOSTS = ["*.gov.cn"];

/** Parses the admin's allowlist text: one pattern a line or separated by commas/spaces; `*.x.y` matches subdomains. */
export function parseAllowlist(text: string): { ok: true; patterns: string[] } | { ok: false; message: string } {
  const patterns = text
    .split(/[\s,，;；]+/)
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  if (patterns.length === 0) return { ok: false, message: "允许访问的网站列表不能为空（例如 *.gov.cn）" };
  if (patterns.length > 200) return { ok: false, message: "允许访问的网站最多200项" };
  for (const p of patterns) {
    if (!/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(p) && !ipaddr.isValid(p))
      return { ok: false, message: `“${p.slice(0, 60)}”不是有效的域名或域名通配（例如 *.gov.cn）` };
  }
  return { ok: true, patterns };
}

/** Whether a host name matches one of the patterns (`*.gov.cn` matches `www.x.gov.cn`, not `gov.cn.evil.com`). */
export function hostAllowed(host: string, patterns: string[]): boolean {
  const h = host
    .toLowerCase()
    .replace(/\.$/, "")
    .replace(/^\[|\]$/g, "");
  return patterns.some((p) => (p.startsWith("*.") ? h.endsWith(p.slice(1)) && h.length > p.length - 1 : h === p));
}

export type AddressVerdict = { ok: true } | { ok: false; message: string };

/** Is this IP address one the fetcher may connect to? */
export function checkIp(ip: string, allowLoopback: boolean): AddressVerdict {
  if (!ipaddr.isValid(ip)) return { ok: false, message: `无法识别的网络地址“${ip}”` };
  let addr = ipaddr.parse(ip);
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress())
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  const range = addr.range();
  if (range === "unicast") return { ok: true };
  if (range === "loopback" && allowLoopback) return { ok: true };
  const what: Record<string, string> = {
    loopback: "本机回环地址",
    private: "内网地址",
    linkLocal: "链路本地地址（含云服务器元数据地址）",
    uniqueLocal: "内网地址",
    carrierGradeNat: "运营商内网地址",
    unspecified: "未指定地址",
    broadcast: "广播地址",
    multicast: "组播地址",
    reserved: "保留地址",
  };
  return { ok: false, message: `该网址指向${what[range] ?? "非公网地址"}（${ip}），为安全起见已拒绝访问` };
}

export type Resolver = (host: string) => Promise<string[]>;

export const systemResolver: Resolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Resolves the host and checks every address it has (one bad address refuses the host: an attacker's DNS
 * may rotate answers). Returns the address to connect to.
 */
export async function resolveChecked(
  host: string,
  resolve: Resolver,
  allowLoopback: boolean,
): Promise<{ ok: true; ip: string; family: 4 | 6 } | { ok: false; message: string }> {
  const bare = host.replace(/^\[|\]$/g, "");
  let ips: string[];
  if (ipaddr.isValid(bare)) ips = [bare];
  else {
    try {
      ips = await resolve(bare);
    } catch {
      return { ok: false, message: `无法解析域名“${bare}”，请检查网址是否正确` };
    }
  }
  if (ips.length === 0) return { ok: false, message: `无法解析域名“${bare}”，请检查网址是否正确` };
  for (const ip of ips) {
    const v = checkIp(ip, allowLoopback);
    if (!v.ok) return v;
  }
  return { ok: true, ip: ips[0], family: ipaddr.parse(ips[0]).kind() === "ipv6" ? 6 : 4 };
}
