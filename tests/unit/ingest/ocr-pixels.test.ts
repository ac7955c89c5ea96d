/**
 * The scan reader's pixel work, on drawn pages (no tesseract needed): deskew, ruling lines through noise
 * and gaps, the grid with a merged cell, label snapping, continued tables, and the small cell images.
 */
import { describe, expect, it } from "vitest";
import { framesFromRules } from "../../../lib/ingest/readers/pdf-grid";
import { regionsOf, toRules, findInk, printedLines, type Region } from "../../../lib/ingest/readers/ocr/cells";
import { binarize, deskew, estimateSkew } from "../../../lib/ingest/readers/ocr/deskew";
import {
  cellPng,
  decodeImage,
  encodePng,
  encodePgm,
  parsePgm,
  rotate,
  type Gray,
} from "../../../lib/ingest/readers/ocr/image";
import { snapLabel } from "../../../lib/ingest/readers/ocr/labels";
import { defaultLineOptions, findLines } from "../../../lib/ingest/readers/ocr/lines";
import { alignContinuations, doubtWarnings } from "../../../lib/ingest/readers/ocr/stitch";
import type { Placed } from "../../../lib/ingest/readers/pdf-pages";
import { splitAtGaps, unruledTables } from "../../../lib/ingest/readers/ocr/unruled";
import type { Word } from "../../../lib/ingest/readers/ocr/tesseract";

const W = 2000;
const H = 1400;
/** columns and rows of the drawn table; row 1 has cols 1–2 merged */
const XS = [200, 700, 1000, 1300, 1800];
const YS = [200, 400, 550, 700, 850, 1000];

function page(): Gray {
  const data = new Uint8Array(W * H).fill(255);
  const box = (x0: number, y0: number, x1: number, y1: number, v = 20) => {
    for (let y = y0; y < y1; y++) data.fill(v, y * W + x0, y * W + x1);
  };
  for (const y of YS) box(XS[0], y - 2, XS[XS.length - 1] + 2, y + 2);
  for (const [i, x] of XS.entries()) {
    if (i === 2) {
      // the border between cols 1 and 2 is missing in row 1 (a merged cell)
      box(x - 2, YS[0], x + 2, YS[1]);
      box(x - 2, YS[2], x + 2, YS[YS.length - 1]);
    } else box(x - 2, YS[0], x + 2, YS[YS.length - 1]);
  }
  // breaks in the rules, as a worn scan has them
  for (const x of [330, 1450]) box(x, YS[3] - 3, x + 6, YS[3] + 3, 255);
  // "text": blocks of strokes inside cells and a line of prose above the table
  for (let k = 0; k < 12; k++) box(240 + k * 34, 270, 262 + k * 34, 320);
  box(1100, 600, 1130, 660);
  for (let k = 0; k < 30; k++) box(200 + k * 44, 90, 232 + k * 44, 130);
  return { w: W, h: H, data };
}

function noisy(img: Gray, seed = 7): Gray {
  let s = seed;
  const out = img.data.slice();
  for (let i = 0; i < out.length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const n = ((s >> 8) % 41) - 20;
    out[i] = Math.max(0, Math.min(255, out[i] + n));
  }
  return { ...img, data: out };
}

describe("deskew", () => {
  it("finds the angle a page was turned by, within a twentieth of a degree, either way", () => {
    for (const angle of [0.6, -0.35, 1]) {
      const turned = noisy(rotate(page(), angle));
      const est = estimateSkew(turned, binarize(turned));
      expect(Math.abs(est + angle)).toBeLessThan(0.05);
    }
  });

  it("leaves a straight page alone", () => {
    expect(deskew(page()).angle).toBe(0);
  });
});

describe("ruling lines and the grid", () => {
  const straight = deskew(noisy(rotate(page(), 0.7))).img;
  const ink = binarize(straight);
  const lines = findLines(ink, straight.w, straight.h, defaultLineOptions(300));

  it("finds every rule of a turned, noisy page despite breaks, and no rule in text", () => {
    const hs = [...new Set(lines.h.map((l) => Math.round(l.y / 10)))];
    expect(hs.length).toBe(YS.length);
    for (const y of YS) expect(lines.h.some((l) => Math.abs(l.y - y) < 8 && l.x2 - l.x1 > 1400)).toBe(true);
    for (const x of XS) expect(lines.v.some((l) => Math.abs(l.x - x) < 8)).toBe(true);
    // the prose line of 30 blocks and the cell's strokes are not rules
    expect(lines.h.some((l) => l.y < 180)).toBe(false);
  });

  it("keeps a short column rule whose top runs on into a character of the heading row above", () => {
    const w = 1600;
    const h = 700;
    const data = new Uint8Array(w * h).fill(255);
    const box = (x0: number, y0: number, x1: number, y1: number) => {
      for (let y = y0; y < y1; y++) data.fill(20, y * w + x0, y * w + x1);
    };
    // a heading row 200–280 across the table, then two short rows split by a rule at x = 800
    for (const y of [200, 280, 360, 440]) box(200, y - 2, 1400, y + 3);
    for (const x of [200, 1400]) box(x - 2, 200, x + 3, 440);
    box(798, 280, 803, 440);
    // the heading's character sits right on that rule: a stroke down to it, and strokes off it either side
    box(798, 222, 803, 280);
    for (const y of [226, 246]) box(760, y, 798, y + 6);
    for (const y of [236, 256]) box(803, y, 842, y + 6);
    const found = findLines(new Uint8Array(data.map((v) => (v < 128 ? 1 : 0))), w, h, defaultLineOptions(300));
    const rule = found.v.find((l) => Math.abs(l.x - 800) < 4);
    expect(rule).toBeDefined();
    // the part inside the heading is not a rule: the heading stays one merged cell
    expect(rule!.y1).toBeGreaterThan(270);
    expect(rule!.y2).toBeGreaterThan(430);
  });

  it("cuts the grid into cells with the merged cell as one region", () => {
    const k = 72 / 300;
    const frames = framesFromRules(toRules(lines, straight.h, k));
    expect(frames).toHaveLength(1);
    const f = frames[0];
    expect(f.xs).toHaveLength(XS.length);
    expect(f.ys).toHaveLength(YS.length);
    expect(f.origin[1][1]).toBe(f.origin[1][2]);
    expect(f.origin[0][1]).not.toBe(f.origin[0][2]);
    const regions = regionsOf(frames, straight.h, k);
    expect(regions).toHaveLength(4 * 5 - 1);
    for (const r of regions) findInk(r, ink, straight.w, straight.h, 9, 45);
    const inked = regions.filter((r: Region) => r.ink);
    // the strokes in row 0 col 0 and the block in row 2 col 2; noise and borders are not ink
    expect(inked).toHaveLength(2);
  });
});

describe("images", () => {
  it("PGM and PNG round trip; a cell image stays small", () => {
    const img = noisy(page());
    expect(Buffer.compare(Buffer.from(parsePgm(encodePgm(img)).data), Buffer.from(img.data))).toBe(0);
    const back = decodeImage(encodePng(img), 10_000_000);
    expect(back.w).toBe(W);
    expect(back.data[W * 300 + 250]).toBe(img.data[W * 300 + 250]);
    const cell = { w: 300, h: 150, data: img.data.slice(0, 300 * 150) };
    const url = cellPng(cell);
    expect(url.startsWith("data:image/png;base64,")).toBe(true);
    expect(url.length).toBeLessThan(6000);
  });

  it("refuses a picture larger than the limit before decoding it", () => {
    expect(() => decodeImage(encodePng(page()), 1000)).toThrow(/图片过大/);
  });
});

describe("labels", () => {
  it("puts OCR'd labels right against the template's wording", () => {
    expect(snapLabel("《六)其他处理")).toBe("（六）其他处理");
    expect(snapLabel("=、上年结转政府信息公开申请数量")).toBe("二、上年结转政府信息公开申请数量");
    expect(snapLabel("2.其他法律行政止公开")).toBe("2.其他法律行政法规禁止公开");
    // nothing close: left as read
    expect(snapLabel("本报告由某某局编制")).toBe("本报告由某某局编制");
  });
});

describe("stitching", () => {
  it("snaps a table continued on the next page onto the columns above", () => {
    const t = (xs: number[]): Placed => ({ top: 0, block: { kind: "table", rows: [] }, xs });
    const pages = [[t([50, 150, 300, 500])], [t([57, 158, 306, 507]), t([0, 10])]];
    alignContinuations(pages);
    expect(pages[1][0].xs).toEqual([50, 150, 300, 500]);
  });

  it("names a doubtful cell the matcher stored blank by its row and column", () => {
    const prov = {
      "applications.granted.naturalPerson": { loc: { page: 2, x: 100, y: 500 }, snippet: "", raw: "3" },
      "applications.partial.total": { loc: { page: 2, x: 900, y: 600 }, snippet: "", raw: "4" },
    };
    const cell = {
      page: 2,
      x: 900,
      y: 500,
      w: 80,
      h: 40,
      frame: 0,
      origin: 0,
      ink: null,
      text: "",
      value: true,
      doubt: "单元格有字迹但未能识别为数字",
    };
    const [w] = doubtWarnings(prov, [cell]);
    expect(w.cells).toEqual(["applications.granted.total"]);
  });

  it("names a doubtful cell whose whole printed row went unmatched by the rows between its neighbours", () => {
    const at = (y: number) => ({ loc: { page: 3, x: 400, y }, snippet: "", raw: "1" });
    const prov = {
      "applications.granted.commercial": at(500),
      "applications.denied.stateSecret.commercial": at(700),
      "applications.denied.lawForbidden.commercial": at(800),
    };
    const cell = (y: number) => ({
      page: 3,
      x: 400,
      y,
      w: 80,
      h: 40,
      frame: 0,
      origin: 0,
      ink: { x: 410, y: y + 5, w: 20, h: 30 },
      text: "",
      value: true,
      doubt: "单元格有字迹但未能识别为数字",
    });
    // 部分公开 sits between 予以公开 and 属于国家秘密; below the last matched row, every later row is named
    const [between, after] = doubtWarnings(prov, [cell(600), cell(900)]);
    expect(between.cells).toEqual(["applications.partial.commercial"]);
    expect(after.cells).toContain("applications.denied.securityStability.commercial");
    expect(after.cells).not.toContain("applications.denied.lawForbidden.commercial");
  });
});

describe("tables without ruling lines", () => {
  const word = (text: string, left: number, top: number, width: number, height = 40): Word => ({
    text,
    conf: 90,
    left,
    top,
    width,
    height,
    line: `1.1.${top}`,
  });

  it("cuts a Chinese word the engine ran across a white gap, its characters shared out by width", () => {
    const img = { w: 400, h: 60, data: new Uint8Array(400 * 60).fill(255) };
    // 结果 at x 10–90, 维持 at x 200–280: a gap of 110 pixels between
    for (const [a, b] of [
      [10, 90],
      [200, 280],
    ])
      for (let y = 10; y < 50; y++) img.data.fill(0, y * 400 + a, y * 400 + b);
    const parts = splitAtGaps([word("结果维持", 10, 10, 270)], img);
    expect(parts.map((p) => [p.text, p.left])).toEqual([
      ["结果", 10],
      ["维持", 200],
    ]);
  });

  it("lays the page's word boxes out as a table, its figures to be read again with digits", () => {
    const img = { w: 2000, h: 1000, data: new Uint8Array(2000 * 1000).fill(255) };
    const words = [
      ["信息内容", "本年制发件数", "本年废止件数"],
      ["规章", "2", "0"],
      ["行政规范性文件", "10", "1"],
      ["其他文件", "3", "4"],
    ].flatMap((row, r) => row.map((t, c) => word(t, 100 + c * 600, 100 + r * 80, t.length * 40)));
    const { tables, figures, lines } = unruledTables(img, words, 1000, 72 / 300, 1, 0, () => null);
    expect(lines).toEqual([]);
    expect(tables).toHaveLength(1);
    expect(tables[0].rows.map((row) => row.map((c) => c.text))).toEqual([
      ["信息内容", "本年制发件数", "本年废止件数"],
      ["规章", "2", "0"],
      ["行政规范性文件", "10", "1"],
      ["其他文件", "3", "4"],
    ]);
    expect(figures.map((f) => f.region.text)).toEqual(["2", "0", "10", "1", "3", "4"]);
    // a figure's cell is named by its box on the page, pixels, as a ruled cell is
    expect(figures[0].cell.loc).toMatchObject({ page: 1, x: 700, y: 180 });
  });
});

describe("printedLines", () => {
  const box = (rows: [number, number][], h = 40, w = 24): Gray => {
    const data = new Uint8Array(w * h).fill(255);
    for (const [y0, y1] of rows) for (let y = y0; y < y1; y++) for (let x = 2; x < w - 2; x++) data[y * w + x] = 0;
    return { w, h, data };
  };
  it("counts two lines of a header cell, parted by a white band", () => {
    expect(
      printedLines(
        box([
          [2, 17],
          [23, 38],
        ]),
        { x: 0, y: 0, w: 24, h: 40 },
      ),
    ).toBe(2);
  });
  it("takes a glyph whose thin foot is parted by a faint band for one line (a light 2), so it is read as a figure", () => {
    expect(
      printedLines(
        box([
          [2, 28],
          [33, 37],
        ]),
        { x: 0, y: 0, w: 24, h: 40 },
      ),
    ).toBe(1);
  });
  it("finds no line in a blank box", () => {
    expect(printedLines(box([]), { x: 0, y: 0, w: 24, h: 40 })).toBe(0);
  });
});
