/**
 * Ruling lines of a straightened page image. A line is a long run of ink along one direction; on a scan
 * it is broken by noise and JPEG, a pixel thick in places, and wanders a pixel up or down, so each row
 * (or column) is first thickened across the line direction by one pixel, and gaps of a few pixels are
 * bridged (a closing along the line). A run counts when it is long and nearly solid, which text is not:
 * characters chained by bridged gaps leave many holes. Neighbouring runs become one segment.
 */
export interface HLine {
  y: number;
  x1: number;
  x2: number;
  thick: number;
}
export interface VLine {
  x: number;
  y1: number;
  y2: number;
  thick: number;
}

export interface LineOptions {
  /** shortest horizontal line, pixels: the strokes of bold characters chain into runs of a few characters */
  minLen: number;
  /** shortest vertical line, pixels (a row of a table can be lower than a horizontal rule is short) */
  minLenV: number;
  /** widest gap bridged inside one line, pixels */
  maxGap: number;
  /** thickest line, pixels (anything thicker is a filled block, not a rule) */
  maxThick: number;
  /** share of the run that must be ink */
  minFill: number;
}

export const defaultLineOptions = (dpi: number): LineOptions => ({
  minLen: Math.round(dpi * 0.5),
  minLenV: Math.round(dpi * 0.2),
  maxGap: Math.round(dpi * 0.03),
  maxThick: Math.round(dpi * 0.05),
  minFill: 0.85,
});

interface Run {
  a: number;
  b: number;
  pos: number;
}

/**
 * Runs along lines of a grid: `len` positions along, `count` lines; `at(line, i)` says whether the pixel
 * is ink (after thickening).
 */
function runs(count: number, len: number, at: (line: number, i: number) => boolean, o: LineOptions): Run[][] {
  const out: Run[][] = [];
  for (let line = 0; line < count; line++) {
    const found: Run[] = [];
    let start = -1;
    let last = -1;
    let ink = 0;
    const close = () => {
      if (start >= 0 && last - start + 1 >= o.minLen && ink / (last - start + 1) >= o.minFill)
        found.push({ a: start, b: last, pos: line });
      start = -1;
      ink = 0;
    };
    for (let i = 0; i < len; i++) {
      if (!at(line, i)) continue;
      if (start >= 0 && i - last - 1 > o.maxGap) close();
      if (start < 0) start = i;
      last = i;
      ink++;
    }
    close();
    out.push(found);
  }
  return out;
}

type Seg = { pos: number; a: number; b: number; thick: number };

/** Runs on adjacent lines that overlap become one segment (the thickness of a rule). */
function segments(perLine: Run[][], o: LineOptions): { pos: number; a: number; b: number; thick: number }[] {
  type Group = { runs: Run[]; a: number; b: number; lastPos: number; open: boolean };
  const groups: Group[] = [];
  let active: Group[] = [];
  for (const found of perLine) {
    const next: Group[] = [];
    for (const r of found) {
      const g = active.find(
        (g) => Math.min(g.b, r.b) - Math.max(g.a, r.a) > 0.5 * Math.min(g.b - g.a, r.b - r.a) && !next.includes(g),
      );
      if (g) {
        g.runs.push(r);
        g.a = Math.min(g.a, r.a);
        g.b = Math.max(g.b, r.b);
        g.lastPos = r.pos;
        next.push(g);
      } else {
        const ng: Group = { runs: [r], a: r.a, b: r.b, lastPos: r.pos, open: true };
        groups.push(ng);
        next.push(ng);
      }
    }
    active = next;
  }
  const out: { pos: number; a: number; b: number; thick: number }[] = [];
  for (const g of groups) {
    const thick = g.runs[g.runs.length - 1].pos - g.runs[0].pos + 1;
    if (thick > o.maxThick) continue;
    // the line's extent is where most of its rows agree (a noisy row may run long)
    const as = g.runs.map((r) => r.a).sort((p, q) => p - q);
    const bs = g.runs.map((r) => r.b).sort((p, q) => p - q);
    const pos = g.runs.reduce((s, r) => s + r.pos * (r.b - r.a), 0) / g.runs.reduce((s, r) => s + (r.b - r.a), 0);
    out.push({ pos, a: as[0], b: bs[bs.length - 1], thick });
  }
  return out;
}

/**
 * Bold text chains into long solid runs too, but the rest of its glyphs sits right beside the run: ink
 * just above or just below at many places along it. A rule has white on both sides except where other
 * rules meet it or text touches it.
 */
function textLike(
  s: { pos: number; a: number; b: number; thick: number },
  at: (along: number, across: number) => boolean,
  d: number,
  longRule: number,
  across: Seg[] = [],
  /** length of the whole rule the piece belongs to */
  whole = s.b - s.a,
): boolean {
  let n = 0;
  let side = 0;
  const lo = Math.round(s.pos - s.thick / 2) - 3;
  const hi = Math.round(s.pos + s.thick / 2) + 3;
  // a rule crossing this one (ink running on for 2d on both sides) is no text beside it
  const crossing = (i: number) => {
    for (let k = 0; k < 2 * d; k++) if (!at(i, lo - k) || !at(i, hi + k)) return false;
    return true;
  };
  // a rule of the other direction that meets this one, from either side (a T where a merged cell's border
  // ends), is no text beside it either
  const meets = across.filter((r) => r.a <= hi + 2 * d && r.b >= lo - 2 * d);
  const met = (i: number) => meets.some((r) => Math.abs(r.pos - i) <= r.thick / 2 + 4);
  for (let i = Math.round(s.a); i <= s.b; i += 2) {
    if (crossing(i) || crossing(i - 1) || crossing(i + 1) || met(i)) continue;
    n++;
    let hit = false;
    for (let k = 0; k < d && !hit; k++) hit = at(i, lo - k) || at(i, hi + k);
    if (hit) side++;
  }
  // Text touching a long rule (a label printed right against its border) is not a chain of strokes:
  // a chain of bold strokes this solid never runs longer than a few characters.
  const long = whole > longRule;
  return n > 0 && side / n > (long ? 0.7 : 0.2);
}

/**
 * The parts of a segment that are rules. A column rule runs on through a heading row where a character's
 * stroke happens to sit on it: judged whole, the glyph beside it made the whole rule look like text. So a
 * segment is cut where rules of the other direction meet it, each piece (a cell's side) is judged alone,
 * and the pieces kept are joined again.
 */
function ruleParts(
  s: Seg,
  at: (along: number, across: number) => boolean,
  d: number,
  longRule: number,
  across: Seg[],
): Seg[] {
  const lo = s.pos - s.thick / 2 - 2 * d;
  const hi = s.pos + s.thick / 2 + 2 * d;
  const cuts = across
    .filter((r) => r.a <= hi && r.b >= lo && r.pos > s.a + 4 && r.pos < s.b - 4)
    .map((r) => r.pos)
    .sort((p, q) => p - q);
  if (cuts.length === 0) return textLike(s, at, d, longRule, across) ? [] : [s];
  const bounds = [s.a, ...cuts, s.b];
  const out: Seg[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const piece = { ...s, a: bounds[k], b: bounds[k + 1] };
    if (textLike(piece, at, d, longRule, across, s.b - s.a)) continue;
    const last = out[out.length - 1];
    if (last && last.b === piece.a) last.b = piece.b;
    else out.push(piece);
  }
  // a piece left alone must still look like a rule, not a stroke between two rules of a character
  return out.filter((p) => p.b - p.a >= 24);
}

/** Horizontal and vertical ruling lines of a binary image (1 = ink). */
export function findLines(ink: Uint8Array, w: number, h: number, o: LineOptions): { h: HLine[]; v: VLine[] } {
  const px = (x: number, y: number) => x >= 0 && y >= 0 && x < w && y < h && ink[y * w + x] === 1;
  // thickened by a pixel across the line, so a rule that wanders by one pixel stays one run
  const hr = runs(h, w, (y, x) => px(x, y) || px(x, y - 1) || px(x, y + 1), o);
  const vr = runs(w, h, (x, y) => px(x, y) || px(x - 1, y) || px(x + 1, y), { ...o, minLen: o.minLenV });
  const d = Math.max(4, Math.round(o.maxThick / 2));
  const hs = segments(hr, o);
  const vs = segments(vr, o);
  return {
    h: hs
      .flatMap((s) => ruleParts(s, (x, y) => px(x, y), d, o.minLen * 2.6, vs))
      .map((s) => ({ y: s.pos, x1: s.a, x2: s.b, thick: s.thick })),
    v: vs
      .flatMap((s) => ruleParts(s, (y, x) => px(x, y), d, o.minLen * 2.6, hs))
      .map((s) => ({ x: s.pos, y1: s.a, y2: s.b, thick: s.thick })),
  };
}

/**
 * Paints the rules white in the page image and clears them from the ink, so a cell cut a little too wide
 * carries no border remnant for tesseract to read as 1, | or 一. Where a character touches the rule (ink
 * just beyond the band on either side) the band is kept, so a figure printed against its border keeps
 * its stroke.
 */
export function eraseLines(
  img: { w: number; h: number; data: Uint8Array },
  ink: Uint8Array,
  lines: { h: HLine[]; v: VLine[] },
  margin: number,
): void {
  const { w, h, data } = img;
  const at = (x: number, y: number) => x >= 0 && y >= 0 && x < w && y < h && ink[y * w + x] === 1;
  const clear = (x: number, y: number) => {
    if (x < 0 || y < 0 || x >= w || y >= h) return;
    data[y * w + x] = 255;
    ink[y * w + x] = 0;
  };
  for (const l of lines.h) {
    const half = Math.ceil(l.thick / 2) + margin;
    const y0 = Math.round(l.y) - half;
    const y1 = Math.round(l.y) + half;
    for (let x = Math.floor(l.x1) - margin; x <= l.x2 + margin; x++) {
      if (at(x, y0 - 1) || at(x, y1 + 1)) continue;
      for (let y = y0; y <= y1; y++) clear(x, y);
    }
  }
  for (const l of lines.v) {
    const half = Math.ceil(l.thick / 2) + margin;
    const x0 = Math.round(l.x) - half;
    const x1 = Math.round(l.x) + half;
    for (let y = Math.floor(l.y1) - margin; y <= l.y2 + margin; y++) {
      if (at(x0 - 1, y) || at(x1 + 1, y)) continue;
      for (let x = x0; x <= x1; x++) clear(x, y);
    }
  }
}
