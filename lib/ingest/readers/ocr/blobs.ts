/**
 * Blobs of ink: the 8-connected pieces of an ink mask (1 = ink) inside a rectangle of it, each with its box
 * and size. Used to tell specks from strokes (specks.ts) and to find a cell's ink box (cells.ts).
 */

export interface Blob {
  /** box, in the rectangle's coordinates */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** pixels of ink */
  n: number;
}

/**
 * Labels the blobs of `ink` (a mask `stride` pixels wide) inside the rectangle `r`. `label` has one entry a
 * pixel of the rectangle (row by row, `r.w` wide): 0 for paper, else the blob's id; `blobs[id]` is that blob
 * (`blobs[0]` is unused).
 */
export function labelBlobs(
  ink: Uint8Array,
  stride: number,
  r: { x: number; y: number; w: number; h: number },
): { label: Int32Array; blobs: Blob[] } {
  const { w, h } = r;
  const at = (x: number, y: number) => ink[(r.y + y) * stride + r.x + x];
  const label = new Int32Array(w * h);
  const stack = new Int32Array(w * h);
  const blobs: Blob[] = [{ x0: 0, y0: 0, x1: 0, y1: 0, n: 0 }];
  for (let start = 0; start < w * h; start++) {
    if (label[start] || !at(start % w, (start - (start % w)) / w)) continue;
    const id = blobs.length;
    const b: Blob = { x0: w, y0: h, x1: -1, y1: -1, n: 0 };
    blobs.push(b);
    let sp = 0;
    stack[sp++] = start;
    label[start] = id;
    while (sp > 0) {
      const i = stack[--sp];
      const x = i % w;
      const y = (i - x) / w;
      b.n++;
      if (x < b.x0) b.x0 = x;
      if (x > b.x1) b.x1 = x;
      if (y < b.y0) b.y0 = y;
      if (y > b.y1) b.y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          const j = yy * w + xx;
          if (!label[j] && at(xx, yy)) {
            label[j] = id;
            stack[sp++] = j;
          }
        }
      }
    }
  }
  return { label, blobs };
}
