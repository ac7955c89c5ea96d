/**
 * Binarisation and deskew. Scans come turned by a fraction of a degree; a table's ruling lines then climb
 * a pixel every few hundred, and a row-by-row search for long dark runs finds nothing. The angle is the
 * one whose projection profile (dark pixels summed along rows) is sharpest: text lines and ruling lines
 * all line up at once.
 */
import { rotate, type Gray } from "./image";

/** Otsu's threshold on the grey histogram: pixels below it are ink. */
export function otsu(img: Gray): number {
  const hist = new Float64Array(256);
  const step = img.data.length > 4_000_000 ? 3 : 1;
  let n = 0;
  for (let i = 0; i < img.data.length; i += step) {
    hist[img.data[i]]++;
    n++;
  }
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i];
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let t = 128;
  for (let i = 0; i < 256; i++) {
    wB += hist[i];
    if (wB === 0) continue;
    const wF = n - wB;
    if (wF === 0) break;
    sumB += i * hist[i];
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      t = i;
    }
  }
  return t;
}

/** 1 = ink. */
export function binarize(img: Gray, threshold = otsu(img)): Uint8Array {
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) out[i] = img.data[i] <= threshold ? 1 : 0;
  return out;
}

/**
 * The skew of the page in degrees (the angle to rotate by to straighten it, counter-clockwise positive),
 * searched within ±maxDeg on every 4th column of the ink.
 */
export function estimateSkew(img: Gray, ink: Uint8Array, maxDeg = 3): number {
  // every row (the profile needs full resolution along y), every 4th column
  const f = 1;
  const pts: number[] = [];
  for (let y = 0; y < img.h; y++) {
    for (let x = 0; x < img.w; x += 4) if (ink[y * img.w + x]) pts.push(x, y);
  }
  if (pts.length < 200) return 0;
  const bins = new Float64Array(Math.ceil((img.h + 2 * img.w) / f) + 10);
  const offset = img.w + 5;
  const score = (deg: number) => {
    const tan = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < pts.length; i += 2) {
      const yy = Math.round((pts[i + 1] - pts[i] * tan + offset) / f);
      if (yy >= 0 && yy < bins.length) bins[yy]++;
    }
    let s = 0;
    for (let i = 0; i < bins.length; i++) s += bins[i] * bins[i];
    return s;
  };
  let best = 0;
  let bestScore = -1;
  for (let d = -maxDeg; d <= maxDeg + 1e-9; d += 0.1) {
    const s = score(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  const coarse = best;
  for (let d = coarse - 0.1; d <= coarse + 0.1 + 1e-9; d += 0.01) {
    const s = score(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  return Math.round(best * 100) / 100;
}

/** Straightened page: rotated so that its lines run level; skew below 0.05° is left alone. */
export function deskew(img: Gray): { img: Gray; angle: number } {
  const ink = binarize(img);
  const angle = estimateSkew(img, ink);
  if (Math.abs(angle) < 0.05) return { img, angle: 0 };
  return { img: rotate(img, angle), angle };
}

/**
 * Ink for rules and cells: a little lighter than Otsu's threshold for text, so a thin rule printed at
 * 0.5 pt and scanned at 150–200 dpi (grey, 150–190) and light print still count, but never as light as a
 * shaded header row (~210 on the scans seen): capped at 200.
 */
export function lineInk(img: Gray, threshold = otsu(img)): Uint8Array {
  return binarize(img, Math.min(200, threshold + 30));
}
