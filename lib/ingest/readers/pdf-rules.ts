/**
 * Ruling lines of a PDF page, read from pdfjs's operator list. Table borders are what separate cells in a
 * PDF (text positions alone cannot tell "1 0" in two cells from "10"), so we track the current
 * transformation matrix and keep every axis-aligned stroked segment and every hair-thin filled rectangle
 * (Word/WPS draw borders both ways). Coordinates are PDF user space, y upwards, like text positions.
 */
import { OPS } from "pdfjs-dist/legacy/build/pdf.mjs";

export interface HSeg {
  y: number;
  x1: number;
  x2: number;
}
export interface VSeg {
  x: number;
  y1: number;
  y2: number;
}
export interface Rules {
  h: HSeg[];
  v: VSeg[];
}

export type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const THIN = 2.5; // a filled rectangle this thin (pt) is a border line, anything wider is shading
const MIN_LEN = 3;

function multiply(m: Matrix, n: Matrix): Matrix {
  // n applied first, then m (PDF `cm` semantics: new CTM = n × m)
  return [
    n[0] * m[0] + n[1] * m[2],
    n[0] * m[1] + n[1] * m[3],
    n[2] * m[0] + n[3] * m[2],
    n[2] * m[1] + n[3] * m[3],
    n[4] * m[0] + n[5] * m[2] + m[4],
    n[4] * m[1] + n[5] * m[3] + m[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

const STROKES = new Set<number>([
  OPS.stroke,
  OPS.closeStroke,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
const FILLS = new Set<number>([OPS.fill, OPS.eoFill]);
// DrawOPS codes inside constructPath's path data (pdfjs ≥ 5)
const MOVE = 0,
  LINE = 1,
  CURVE = 2,
  QUAD = 3,
  CLOSE = 4;

/** Split path data into subpaths of device points (curves reduced to their end points). */
function subpaths(data: ArrayLike<number>, ctm: Matrix): [number, number][][] {
  const out: [number, number][][] = [];
  let cur: [number, number][] = [];
  for (let i = 0; i < data.length;) {
    const op = data[i++];
    if (op === MOVE) {
      if (cur.length) out.push(cur);
      cur = [apply(ctm, data[i], data[i + 1])];
      i += 2;
    } else if (op === LINE) {
      cur.push(apply(ctm, data[i], data[i + 1]));
      i += 2;
    } else if (op === CURVE) {
      cur.push(apply(ctm, data[i + 4], data[i + 5]));
      i += 6;
    } else if (op === QUAD) {
      cur.push(apply(ctm, data[i + 2], data[i + 3]));
      i += 4;
    } else if (op === CLOSE) {
      if (cur.length) cur.push(cur[0]);
    } else break; // unknown code: stop rather than misread the rest
  }
  if (cur.length) out.push(cur);
  return out;
}

function addEdge(rules: Rules, a: [number, number], b: [number, number]) {
  const [x1, y1] = a;
  const [x2, y2] = b;
  if (Math.abs(y1 - y2) < 0.8 && Math.abs(x1 - x2) >= MIN_LEN) {
    rules.h.push({ y: (y1 + y2) / 2, x1: Math.min(x1, x2), x2: Math.max(x1, x2) });
  } else if (Math.abs(x1 - x2) < 0.8 && Math.abs(y1 - y2) >= MIN_LEN) {
    rules.v.push({ x: (x1 + x2) / 2, y1: Math.min(y1, y2), y2: Math.max(y1, y2) });
  }
}

/** `base` maps PDF user space to the reader's page space (the page as displayed, /Rotate applied, y up). */
export function rulesFromOperatorList(
  ops: { fnArray: number[]; argsArray: unknown[] },
  base: Matrix = IDENTITY,
): Rules {
  const rules: Rules = { h: [], v: [] };
  let ctm: Matrix = base;
  const stack: Matrix[] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? base;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.constructPath) {
      const paint = args[0] as number;
      const data = (args[1] as (ArrayLike<number> | null)[] | undefined)?.[0];
      if (!data || (!STROKES.has(paint) && !FILLS.has(paint))) continue;
      for (const sp of subpaths(data, ctm)) {
        if (STROKES.has(paint)) {
          for (let k = 1; k < sp.length; k++) addEdge(rules, sp[k - 1], sp[k]);
          continue;
        }
        const xs = sp.map((p) => p[0]);
        const ys = sp.map((p) => p[1]);
        const [x1, x2, y1, y2] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        if (y2 - y1 <= THIN && x2 - x1 >= MIN_LEN) rules.h.push({ y: (y1 + y2) / 2, x1, x2 });
        else if (x2 - x1 <= THIN && y2 - y1 >= MIN_LEN) rules.v.push({ x: (x1 + x2) / 2, y1, y2 });
      }
    }
  }
  return rules;
}
