/**
 * The address a sign-in comes from, for the login throttle. Next.js does not expose the socket address to
 * route handlers, and it keeps a client-sent X-Forwarded-For as it is, so that header alone can be forged.
 * `npm start` therefore preloads `scripts/peer-address.cjs`, which stamps every request with the socket's
 * address under a per-process secret (`x-xxgk-peer: <nonce> <address>`, overwriting anything a client
 * sent). X-Forwarded-For is believed only from a proxy on this machine (a loopback peer such as the
 * HAProxy of the README), and then only its last entry, the one that proxy appended.
 */
const PEER_HEADER = "x-xxgk-peer";
const NONCE = Symbol.for("xxgk.peerNonce");

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(h: HeaderBag, name: string): string | undefined {
  if (typeof (h as Headers).get === "function") return (h as Headers).get(name) ?? undefined;
  const v = (h as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v.join(",") : v;
}

const normalise = (a: string) =>
  a
    .trim()
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "")
    .toLowerCase();
const isLoopback = (a: string) => /^127\./.test(a) || a === "::1";

export function clientAddress(
  h: HeaderBag,
  nonce = (globalThis as Record<symbol, unknown>)[NONCE] as string | undefined,
): string {
  const stamp = header(h, PEER_HEADER);
  const peer = nonce && stamp?.startsWith(`${nonce} `) ? normalise(stamp.slice(nonce.length + 1)) : null;
  const forwarded = (header(h, "x-forwarded-for") ?? "").split(",").map(normalise).filter(Boolean);
  const viaLocalProxy = forwarded.at(-1);
  // without the preload (next dev, tests) the best there is: what Next or a proxy put last
  if (peer === null) return viaLocalProxy ?? "unknown";
  return isLoopback(peer) && viaLocalProxy ? viaLocalProxy : peer || "unknown";
}
