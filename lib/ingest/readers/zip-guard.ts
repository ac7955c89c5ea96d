/**
 * .docx and .xlsx are zip files, and an uploaded zip can be a bomb (a few KB that inflates to gigabytes).
 * We read the central directory first (fflate's filter sees each entry's declared sizes before anything is
 * inflated), refuse absurd archives, then inflate. fflate inflates into a buffer of the *declared* size, so
 * an entry that lies about its size is truncated, not allowed to grow; the libraries that parse the
 * document afterwards only ever see the re-packed, bounded copy from `repack`.
 */
import { unzipSync, zipSync, type Unzipped } from "fflate";

export const ZIP_LIMITS = {
  maxTotalBytes: 100 * 1024 * 1024,
  maxEntries: 10_000,
  /** a single entry this compressible and this large is not an office document */
  maxRatio: 1_000,
  ratioMinBytes: 1024 * 1024,
};

export const ZIP_BOMB_MESSAGE = "文件解压后体积异常（疑似压缩炸弹），已拒绝";

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 22 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

/**
 * Unzip `bytes` within ZIP_LIMITS. Throws ZIP_BOMB_MESSAGE for a bomb and `corruptMessage` for anything
 * that is not a readable zip. `keep` limits which entries are inflated (all by default).
 */
export function unzipGuarded(
  bytes: Uint8Array,
  corruptMessage: string,
  keep: (name: string) => boolean = () => true,
): Unzipped {
  if (!isZip(bytes)) throw new Error(corruptMessage);
  let entries = 0;
  let total = 0;
  let bomb = false;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        entries++;
        // Entries we never inflate (pictures) cannot explode; a 150 MB photo album .docx is still readable.
        if (!keep(f.name)) return false;
        total += f.originalSize;
        if (f.originalSize >= ZIP_LIMITS.ratioMinBytes && f.originalSize > ZIP_LIMITS.maxRatio * Math.max(1, f.size)) {
          bomb = true;
        }
        return false; // directory scan only: nothing is inflated here
      },
    });
  } catch {
    throw new Error(corruptMessage);
  }
  if (bomb || entries > ZIP_LIMITS.maxEntries || total > ZIP_LIMITS.maxTotalBytes) throw new Error(ZIP_BOMB_MESSAGE);
  if (entries === 0) throw new Error(corruptMessage);
  try {
    return unzipSync(bytes, { filter: (f) => keep(f.name) });
  } catch {
    throw new Error(corruptMessage);
  }
}

/** Re-pack inflated entries (stored, no compression) for libraries that insist on a zip buffer. */
export function repack(files: Unzipped): Buffer {
  const z = zipSync(files, { level: 0 });
  return Buffer.from(z.buffer, z.byteOffset, z.byteLength);
}
