/**
 * Specks of a scan: dust, noise and JPEG blotches, a few pixels each, scattered over the page. Inside a
 * wide cell they stretch the cell's ink box from border to border, and tesseract reads them as 人, 丶 or
 * a stray digit beside the figure. A speck is a small blob of ink far from any stroke: a decimal point
 * or the dot of a character sits right beside the rest of its glyph and is kept.
 */

import { labelBlobs, type Blob } from "./blobs";

export interface SpeckOptions {
  /** largest speck, pixels of ink */
  maxArea: number;
  /** largest speck, pixels along either side */
  maxSide: number;
  /** a small blob this close (pixels) to a stroke belongs to it */
  near: number;
}

export const defaultSpeckOptions = (dpi: number): SpeckOptions => ({
  maxArea: Math.round((dpi * 0.018) ** 2),
  maxSide: Math.round(dpi * 0.027),
  near: Math.round(dpi * 0.04),
});

/**
 * Removes isolated specks from `ink` (1 = ink) and whitens them (one pixel around) in `img`; returns how
 * many were removed.
 */
export function despeckle(img: { w: number; h: number; data: Uint8Array }, ink: Uint8Array, o: SpeckOptions): number {
  const { w, h } = img;
  const { label, blobs } = labelBlobs(ink, w, { x: 0, y: 0, w, h });
  const small = (b: Blob) => b.n <= o.maxArea && b.x1 - b.x0 < o.maxSide && b.y1 - b.y0 < o.maxSide;
  // summed-area table of the strokes (every blob that is not small), to ask "any stroke near?" at once
  const W1 = w + 1;
  // and of all ink: faint print breaks into small blobs too, but they crowd together where specks do not
  const sat = new Int32Array(W1 * (h + 1));
  const all = new Int32Array(W1 * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    let rowAll = 0;
    for (let x = 0; x < w; x++) {
      const id = label[y * w + x];
      if (id && !small(blobs[id])) row++;
      if (id) rowAll++;
      sat[(y + 1) * W1 + x + 1] = sat[y * W1 + x + 1] + row;
      all[(y + 1) * W1 + x + 1] = all[y * W1 + x + 1] + rowAll;
    }
  }
  const sum = (t: Int32Array, x0: number, y0: number, x1: number, y1: number) => {
    x0 = Math.max(0, x0);
    y0 = Math.max(0, y0);
    x1 = Math.min(w - 1, x1);
    y1 = Math.min(h - 1, y1);
    return t[(y1 + 1) * W1 + x1 + 1] - t[y0 * W1 + x1 + 1] - t[(y1 + 1) * W1 + x0] + t[y0 * W1 + x0];
  };
  let removed = 0;
  for (let id = 1; id < blobs.length; id++) {
    const b = blobs[id];
    if (!small(b)) continue;
    const [x0, y0, x1, y1] = [b.x0 - o.near, b.y0 - o.near, b.x1 + o.near, b.y1 + o.near];
    if (sum(sat, x0, y0, x1, y1) > 0 || sum(all, x0, y0, x1, y1) - b.n >= o.maxArea) continue;
    removed++;
    for (let y = Math.max(0, b.y0 - 1); y <= Math.min(h - 1, b.y1 + 1); y++)
      for (let x = Math.max(0, b.x0 - 1); x <= Math.min(w - 1, b.x1 + 1); x++) {
        const i = y * w + x;
        if (label[i] === id) ink[i] = 0;
        if (!label[i] || label[i] === id) img.data[i] = 255;
      }
  }
  return removed;
}
