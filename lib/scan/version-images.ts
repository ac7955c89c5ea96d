/**
 * The cell images kept with a saved version of a scanned report (table version_cell_images): the cut-out
 * image of each figure's cell, a grey PNG of a few KB, so that the version and correction pages still show
 * what was scanned beside each value. Bounded: a version keeps at most VERSION_IMAGE_LIMIT characters of
 * images — the cells the reading doubts first (a parser warning names them), then the others in the
 * template's order — so a hostile or huge scan cannot bloat the database.
 */
import { warningCovers, type ParseWarning } from "../template";

/** characters of data: URLs kept per version (a full report's ~200 cells at 2–4 KB each fit) */
export const VERSION_IMAGE_LIMIT = 1_500_000;
/** one image larger than this is not a cell's crop: dropped */
export const CELL_IMAGE_MAX = 64_000;

const PNG_URL = /^data:image\/png;base64,[A-Za-z0-9+/=]+$/;

/** The images to keep with a version, and their size; doubtful cells first, then the rest, within the limit. */
export function boundCellImages(
  images: Record<string, string> | undefined,
  warnings: ParseWarning[] = [],
  limit = VERSION_IMAGE_LIMIT,
): { images: Record<string, string>; bytes: number } {
  const doubted = (path: string) => warnings.some((w) => warningCovers(w, path));
  const entries = Object.entries(images ?? {}).filter(
    ([, v]) => typeof v === "string" && v.length <= CELL_IMAGE_MAX && PNG_URL.test(v),
  );
  entries.sort(([a], [b]) => Number(doubted(b)) - Number(doubted(a)));
  const out: Record<string, string> = {};
  let bytes = 0;
  for (const [path, v] of entries) {
    if (bytes + v.length > limit) continue;
    out[path] = v;
    bytes += v.length;
  }
  return { images: out, bytes };
}
