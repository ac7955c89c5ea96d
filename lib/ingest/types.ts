/**
 * What a reader hands the template matcher. Every reader (text, HTML, docx, xlsx, PDF) turns a file into
 * an ordered list of blocks; the matcher maps them onto the template definition.
 */
import type { Finding, ParseWarning, Report } from "../template";
import type { ConfidenceSummary } from "./confidence";

export type SourceFormat = "text" | "html" | "docx" | "xlsx" | "pdf" | "doc" | "xls";

/** Where a piece of text came from, 1-based where it counts lines/pages/rows. */
export interface SourceLoc {
  line?: number;
  page?: number;
  table?: number;
  row?: number;
  col?: number;
  /** PDF: glyph box of the cell, in PDF points */
  x?: number;
  y?: number;
  /** scans: the cell's box on the page image (pixels of the deskewed page at 300 dpi), x/y its top left */
  w?: number;
  h?: number;
}

export interface TextLine {
  text: string;
  loc: SourceLoc;
}

export interface TableCell {
  text: string;
  loc: SourceLoc;
  /** true on positions covered by a rowspan/colspan (text repeated from the origin cell) */
  spanned?: boolean;
}

export type Block = { kind: "text"; lines: TextLine[] } | { kind: "table"; rows: TableCell[][] };

export interface SourceDocument {
  format: SourceFormat;
  blocks: Block[];
  /** the whole document as plain text (prose sections, metadata, stored as extracted text) */
  text: string;
  /** what the reader had to repair (e.g. invalid bytes replaced), passed on as parser warnings */
  notices?: string[];
}

/** Where one number came from, for the upload preview. */
export interface Provenance {
  loc: SourceLoc;
  /** the source text around the value, as printed */
  snippet: string;
  /** the raw cell text the value was read from */
  raw: string;
}

export type ParseOutcome =
  | {
      ok: true;
      format: SourceFormat;
      report: Report;
      warnings: ParseWarning[];
      /** overall reading confidence, from the warnings (all certain / some cells to check / read badly) */
      confidence: ConfidenceSummary;
      provenance: Record<string, Provenance>;
      text: string;
      /** scans: key = the same key as `provenance` (the report cell path), value = `data:image/png;base64,…`
       * grey crop of that cell as scanned (a few KB each), for the preview beside the value read */
      cellImages?: Record<string, string>;
    }
  | {
      ok: false;
      format: SourceFormat | null;
      error: string;
      /** set by parseDocument for an image-only PDF or a PNG/JPEG: OCR (readers/ocr) can read it */
      needsOcr?: true;
    };

export type { Finding };
