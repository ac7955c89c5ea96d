/**
 * .docx and .xlsx are zip files, and an uploaded zip can be a bomb (a few KB that inflates to gigabytes).
 * We read the central directory ourselves and refuse absurd archives by their declared sizes first (cheap);
 * then every entry is inflated with a running byte count that stops at the limit whatever the headers say
 * (zlib inflates in 16 KB steps and gives up as soon as the output passes `maxOutputLength`), so an entry
 * whose header understates its size cannot grow past the budget, nor take more than a moment to refuse.
 * The libraries that parse the document afterwards only ever see the re-packed, bounded copy from `repack`.
 */
import { inflateRawSync } from "node:zlib";
import { zipSync, type Unzipped } from "fflate";
import { tooComplex } from "../limits";

export const ZIP_LIMITS = {
  maxTotalBytes: 100 * 1024 * 1024,
  maxEntries: 10_000,
  /** a single entry this compressible and this large is not an office document */
  maxRatio: 1_000,
  ratioMinBytes: 1024 * 1024,
};

export const ZIP_BOMB_MESSAGE = "文件解压后体积异常（疑似压缩炸弹），已拒绝";

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 22 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

class Corrupt extends Error {}

/** The central directory (zip64 sizes and offsets included); throws Corrupt when there is none. */
function centralDirectory(b: Uint8Array): Entry[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (o: number) => v.getUint16(o, true);
  const u32 = (o: number) => v.getUint32(o, true);
  const u64 = (o: number) => Number(v.getBigUint64(o, true));
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (u32(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Corrupt();
  let count = u16(eocd + 10);
  let offset = u32(eocd + 16);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && u32(eocd - 20) === 0x07064b50) {
    const z = u64(eocd - 12);
    if (z + 56 > b.length || u32(z) !== 0x06064b50) throw new Corrupt();
    count = u64(z + 32);
    offset = u64(z + 48);
  }
  if (count > ZIP_LIMITS.maxEntries) throw new Error(ZIP_BOMB_MESSAGE);
  const names = new TextDecoder("utf-8");
  const entries: Entry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || u32(p) !== 0x02014b50) throw new Corrupt();
    const nameLen = u16(p + 28);
    const extraLen = u16(p + 30);
    const e: Entry = {
      name: names.decode(b.subarray(p + 46, p + 46 + nameLen)),
      flags: u16(p + 8),
      method: u16(p + 10),
      compressedSize: u32(p + 20),
      declaredSize: u32(p + 24),
      localOffset: u32(p + 42),
    };
    // zip64 extended information: the 64-bit values of the fields saturated above, in this order
    for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen; x += 4 + u16(x + 2)) {
      if (u16(x) !== 0x0001) continue;
      let f = x + 4;
      if (e.declaredSize === 0xffffffff) ((e.declaredSize = u64(f)), (f += 8));
      if (e.compressedSize === 0xffffffff) ((e.compressedSize = u64(f)), (f += 8));
      if (e.localOffset === 0xffffffff) e.localOffset = u64(f);
    }
    entries.push(e);
    p += 46 + nameLen + extraLen + u16(p + 32);
  }
  return entries;
}

/** Inflates one entry, never producing more than `budget` bytes (null when it would). */
function inflateEntry(b: Uint8Array, e: Entry, budget: number): Uint8Array<ArrayBuffer> | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const h = e.localOffset;
  if (h + 30 > b.length || v.getUint32(h, true) !== 0x04034b50) throw new Corrupt();
  if (e.flags & 1) throw new Corrupt(); // encrypted
  const start = h + 30 + v.getUint16(h + 26, true) + v.getUint16(h + 28, true);
  const data = b.subarray(start, Math.min(b.length, start + e.compressedSize));
  if (e.method === 0) return data.length > budget ? null : data.slice();
  if (e.method !== 8) throw new Corrupt();
  try {
    const out = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
    return new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.byteLength);
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return null;
    throw new Corrupt();
  }
}

export interface ZipCaps {
  /** the most bytes this entry may inflate to (its own cheap limit), or undefined for the overall budget */
  entryMax?: (name: string) => number | undefined;
  /** the entry's meaning for the message when it passes its own limit, e.g. "正文 XML" */
  entryLabel?: (name: string) => string;
}

/**
 * Unzip `bytes` within ZIP_LIMITS. Throws ZIP_BOMB_MESSAGE for a bomb, a "文件过大或过于复杂" message for
 * an entry over its own cap, and `corruptMessage` for anything that is not a readable zip. `keep` limits
 * which entries are inflated (all by default).
 */
export function unzipGuarded(
  bytes: Uint8Array,
  corruptMessage: string,
  keep: (name: string) => boolean = () => true,
  caps: ZipCaps = {},
): Unzipped {
  if (!isZip(bytes)) throw new Error(corruptMessage);
  try {
    const all = centralDirectory(bytes);
    if (all.length === 0) throw new Corrupt();
    // Entries we never inflate (pictures) cannot explode; a 150 MB photo album .docx is still readable.
    const wanted = all.filter((e) => keep(e.name) && !e.name.endsWith("/"));
    let declared = 0;
    for (const e of wanted) {
      declared += e.declaredSize;
      if (
        e.declaredSize >= ZIP_LIMITS.ratioMinBytes &&
        e.declaredSize > ZIP_LIMITS.maxRatio * Math.max(1, e.compressedSize)
      )
        throw new Error(ZIP_BOMB_MESSAGE);
    }
    if (declared > ZIP_LIMITS.maxTotalBytes) throw new Error(ZIP_BOMB_MESSAGE);
    const out: Unzipped = {};
    let used = 0;
    for (const e of wanted) {
      const own = caps.entryMax?.(e.name);
      const left = ZIP_LIMITS.maxTotalBytes - used;
      const data = inflateEntry(bytes, e, own === undefined ? left : Math.min(own, left));
      if (!data) {
        if (own !== undefined && own < left)
          throw new Error(tooComplex(`${caps.entryLabel?.(e.name) ?? e.name} 超过 ${Math.round(own / 1048576)} MB`));
        throw new Error(ZIP_BOMB_MESSAGE);
      }
      used += data.length;
      out[e.name] = data;
    }
    return out;
  } catch (e) {
    if (e instanceof Corrupt || !(e instanceof Error) || e instanceof RangeError) throw new Error(corruptMessage);
    throw e;
  }
}

/** Re-pack inflated entries (stored, no compression) for libraries that insist on a zip buffer. */
export function repack(files: Unzipped): Buffer {
  const z = zipSync(files, { level: 0 });
  return Buffer.from(z.buffer, z.byteOffset, z.byteLength);
}
