/**
 * Grey page images as plain typed arrays, so every step runs the same in a worker thread: PGM from
 * pdftoppm, PNG/JPEG from an upload (pngjs, jpeg-js), bilinear resampling and rotation, and small grey
 * PNGs of cells for the preview (zlib from Node, no canvas).
 */
import { deflateSync } from "node:zlib";
import { PNG } from "pngjs";
import jpeg from "jpeg-js";

export interface Gray {
  w: number;
  h: number;
  /** row-major, 0 = black, 255 = white */
  data: Uint8Array;
}

export function parsePgm(buf: Uint8Array): Gray {
  // P5 <w> <h> <max>\n, with # comments allowed between fields
  let pos = 0;
  const fields: string[] = [];
  const text = () => {
    while (pos < buf.length) {
      const c = buf[pos];
      if (c === 0x23) while (pos < buf.length && buf[pos] !== 0x0a) pos++;
      else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
    let s = "";
    while (pos < buf.length && buf[pos] > 0x20) s += String.fromCharCode(buf[pos++]);
    return s;
  };
  for (let i = 0; i < 4; i++) fields.push(text());
  pos++; // the single whitespace before the raster
  const [magic, ws, hs, ms] = fields;
  const w = Number(ws);
  const h = Number(hs);
  if (magic !== "P5" || !(w > 0) || !(h > 0) || Number(ms) !== 255 || buf.length - pos < w * h)
    throw new Error("页面图像格式错误");
  return { w, h, data: new Uint8Array(buf.subarray(pos, pos + w * h)) };
}

export const isPng = (b: Uint8Array) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
export const isJpeg = (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

/** Grey from RGBA (alpha over white). */
function fromRgba(w: number, h: number, rgba: Uint8Array | Buffer): Gray {
  const data = new Uint8Array(w * h);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    const a = rgba[j + 3] / 255;
    const y = 0.299 * rgba[j] + 0.587 * rgba[j + 1] + 0.114 * rgba[j + 2];
    data[i] = Math.round(y * a + 255 * (1 - a));
  }
  return { w, h, data };
}

/** PNG or JPEG bytes → grey; refuses pictures beyond `maxPixels` before decoding the raster. */
export function decodeImage(bytes: Uint8Array, maxPixels: number): Gray {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isPng(bytes)) {
    const w = buf.readUInt32BE(16);
    const h = buf.readUInt32BE(20);
    if (w * h > maxPixels) throw new Error(`图片过大（${w}×${h} 像素），已拒绝读取`);
    const png = PNG.sync.read(buf);
    return fromRgba(png.width, png.height, png.data);
  }
  if (isJpeg(bytes)) {
    const img = jpeg.decode(buf, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: maxPixels / 1e6,
      maxMemoryUsageInMB: 1024,
    });
    return fromRgba(img.width, img.height, img.data);
  }
  throw new Error("不是 PNG 或 JPEG 图片");
}

/** Bilinear resampling to a new size. */
export function resize(img: Gray, w: number, h: number): Gray {
  const out = new Uint8Array(w * h);
  const sx = img.w / w;
  const sy = img.h / h;
  for (let y = 0; y < h; y++) {
    const fy = Math.min(img.h - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(img.h - 1, y0 + 1);
    const dy = fy - y0;
    for (let x = 0; x < w; x++) {
      const fx = Math.min(img.w - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(img.w - 1, x0 + 1);
      const dx = fx - x0;
      const a = img.data[y0 * img.w + x0] * (1 - dx) + img.data[y0 * img.w + x1] * dx;
      const b = img.data[y1 * img.w + x0] * (1 - dx) + img.data[y1 * img.w + x1] * dx;
      out[y * w + x] = a * (1 - dy) + b * dy;
    }
  }
  return { w, h, data: out };
}

/** Rotates about the centre by `deg` (positive = counter-clockwise as seen), same size, white outside. */
export function rotate(img: Gray, deg: number): Gray {
  const { w, h, data } = img;
  const out = new Uint8Array(w * h).fill(255);
  const t = (deg * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const cx = w / 2;
  const cy = h / 2;
  for (let y = 0; y < h; y++) {
    const ry = y - cy;
    for (let x = 0; x < w; x++) {
      const rx = x - cx;
      // source point: inverse rotation
      const sx = cos * rx - sin * ry + cx;
      const sy = sin * rx + cos * ry + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) continue;
      const dx = sx - x0;
      const dy = sy - y0;
      const i = y0 * w + x0;
      const a = data[i] * (1 - dx) + data[i + 1] * dx;
      const b = data[i + w] * (1 - dx) + data[i + w + 1] * dx;
      out[y * w + x] = a * (1 - dy) + b * dy;
    }
  }
  return { w, h, data: out };
}

export function crop(img: Gray, x: number, y: number, w: number, h: number): Gray {
  x = Math.max(0, Math.round(x));
  y = Math.max(0, Math.round(y));
  w = Math.max(1, Math.min(img.w - x, Math.round(w)));
  h = Math.max(1, Math.min(img.h - y, Math.round(h)));
  const out = new Uint8Array(w * h);
  for (let r = 0; r < h; r++) out.set(img.data.subarray((y + r) * img.w + x, (y + r) * img.w + x + w), r * w);
  return { w, h, data: out };
}

/** A binary PGM (tesseract/leptonica read it from a file without any conversion). */
export function encodePgm(img: Gray): Buffer {
  const head = Buffer.from(`P5\n${img.w} ${img.h}\n255\n`, "ascii");
  return Buffer.concat([head, Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength)]);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(parts: Buffer[]): number {
  let c = 0xffffffff;
  for (const p of parts) for (let i = 0; i < p.length; i++) c = CRC_TABLE[(c ^ p[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  const t = Buffer.from(type, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32([t, body]));
  return Buffer.concat([len, t, body, crc]);
}

/** 8-bit grey PNG. */
export function encodePng(img: Gray): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(img.w, 0);
  ihdr.writeUInt32BE(img.h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((img.w + 1) * img.h);
  for (let y = 0; y < img.h; y++) {
    raw[y * (img.w + 1)] = 0; // no filter
    raw.set(img.data.subarray(y * img.w, (y + 1) * img.w), y * (img.w + 1) + 1);
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    sig,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A cell for the preview: scaled to at most `maxH` pixels high, grey levels quantised so it deflates small. */
export function cellPng(img: Gray, maxH = 40): string {
  const s = Math.min(1, maxH / img.h);
  const small = s < 1 ? resize(img, Math.max(1, Math.round(img.w * s)), Math.max(1, Math.round(img.h * s))) : img;
  const q = new Uint8Array(small.data.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.min(255, Math.round(small.data[i] / 32) * 34);
  return `data:image/png;base64,${encodePng({ ...small, data: q }).toString("base64")}`;
}

/**
 * Paper to pure white, in place: every pixel within `margin` of the paper's grey (the median of the
 * page) becomes 255; darker ones are left alone. Pieces of a scan pasted on a white
 * montage then carry no grey box of paper around them, which tesseract's own threshold can take for ink.
 */
export function whitenPaper(img: Gray, margin = 20): void {
  const hist = new Uint32Array(256);
  for (let i = 0; i < img.data.length; i += 7) hist[img.data[i]]++;
  const half = hist.reduce((a, b) => a + b, 0) / 2;
  let paper = 255;
  for (let v = 0, seen = 0; v < 256; v++) if ((seen += hist[v]) >= half) [paper, v] = [v, 256];
  const cut = Math.max(64, paper - margin);
  const map = new Uint8Array(256);
  // darker pixels stay as they are: stretching them would lighten faint strokes
  for (let v = 0; v < 256; v++) map[v] = v >= cut ? 255 : v;
  for (let i = 0; i < img.data.length; i++) img.data[i] = map[img.data[i]];
}
