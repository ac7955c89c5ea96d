/**
 * Scanned fixtures for the browser journeys, made from our own report (tests/fixtures/upload): the report
 * rendered as a web page in Chromium, photographed page by page, and wrapped as an image-only PDF (no text
 * layer); the table of section 三 alone as a PNG, like a photographed page.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "@playwright/test";
import { parseText } from "../../lib/ingest";
import { renderHtml } from "../../lib/demo/render";
import type { Report } from "../../lib/template";
import { imagePdf, readPng, type GrayImage } from "../fixtures/scan/image-pdf";

export const SOURCE = path.resolve("tests/fixtures/upload/zjj-2025-cell-per-line.txt");

/** The report the scans show (what a perfect reading would give). */
export function truth(): Report {
  const o = parseText(fs.readFileSync(SOURCE, "utf8"));
  if (!o.ok) throw new Error(o.error);
  return o.report;
}

const STYLE = `<style>
  body { width: 760px; margin: 24px; font: 15px/1.6 "Noto Serif CJK SC", serif; color: #000; background: #fff; }
  table { border-collapse: collapse; margin: 8px 0; }
  td, th { border: 1px solid #000; padding: 3px 6px; text-align: center; }
</style>`;

export async function makeScans(browser: Browser, dir: string): Promise<{ pdf: string; png: string; pages: number }> {
  fs.mkdirSync(dir, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 810, height: 1100 } });
  await page.setContent(
    `<!doctype html><meta charset="utf-8">${STYLE}${renderHtml({ report: truth() })
      .replace(/^[\s\S]*?<body[^>]*>/i, "")
      .replace(/<\/body>[\s\S]*$/i, "")}`,
  );
  const shot = readPng(await page.screenshot({ fullPage: true }));
  // A4-like pages of the long screenshot
  const h = 1100;
  const pages: GrayImage[] = [];
  for (let y = 0; y < shot.height; y += h) {
    const rows = Math.min(h, shot.height - y);
    const pixels = new Uint8Array(shot.width * h).fill(255);
    pixels.set(shot.pixels.subarray(y * shot.width, (y + rows) * shot.width));
    pages.push({ width: shot.width, height: h, pixels });
  }
  const pdf = path.join(dir, "scanned-report.pdf");
  fs.writeFileSync(pdf, imagePdf(pages, { dpi: 96 }));
  // section 三's table: the one whose header names 申请人情况
  const png = path.join(dir, "table-3.png");
  await page.locator("table", { hasText: "申请人情况" }).first().screenshot({ path: png });
  await page.close();
  return { pdf, png, pages: pages.length };
}
