/**
 * A minimal but real .docx (WordprocessingML in a zip): paragraphs and tables whose merged cells use
 * gridSpan (columns) and vMerge restart/continue (rows), as Word writes them, so mammoth and our docx
 * reader see the same structure as in an agency's own file.
 */
import { strToU8, zipSync } from "fflate";
import { documentModel, layoutGrid, type Grid, type RenderInput } from "./model";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function paragraph(text: string, opts: { bold?: boolean; align?: "center" | "right"; size?: number } = {}): string {
  const ppr = opts.align ? `<w:pPr><w:jc w:val="${opts.align}"/></w:pPr>` : "";
  const rpr =
    opts.bold || opts.size
      ? `<w:rPr>${opts.bold ? "<w:b/>" : ""}${opts.size ? `<w:sz w:val="${opts.size}"/>` : ""}</w:rPr>`
      : "";
  if (text === "") return `<w:p>${ppr}</w:p>`;
  return `<w:p>${ppr}<w:r>${rpr}<w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
}

function table(grid: Grid): string {
  const colWidth = Math.floor(9000 / grid.width);
  const borders = ["top", "left", "bottom", "right", "insideH", "insideV"]
    .map((b) => `<w:${b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
    .join("");
  const out = [`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>${borders}</w:tblBorders></w:tblPr>`];
  out.push(`<w:tblGrid>${`<w:gridCol w:w="${colWidth}"/>`.repeat(grid.width)}</w:tblGrid>`);
  for (const slots of layoutGrid(grid)) {
    out.push("<w:tr>");
    for (const s of slots) {
      const span = s.cell.colspan > 1 ? `<w:gridSpan w:val="${s.cell.colspan}"/>` : "";
      const width = `<w:tcW w:w="${colWidth * s.cell.colspan}" w:type="dxa"/>`;
      if (s.kind === "continue") {
        out.push(`<w:tc><w:tcPr>${width}${span}<w:vMerge/></w:tcPr><w:p/></w:tc>`);
        continue;
      }
      const merge = s.cell.rowspan > 1 ? `<w:vMerge w:val="restart"/>` : "";
      out.push(`<w:tc><w:tcPr>${width}${span}${merge}</w:tcPr>${paragraph(s.cell.text, { align: "center" })}</w:tc>`);
    }
    out.push("</w:tr>");
  }
  out.push("</w:tbl>");
  return out.join("");
}

export function renderDocxXml(input: RenderInput): string {
  const body: string[] = [];
  for (const p of documentModel(input).parts) {
    if (p.kind === "title") body.push(paragraph(p.text, { bold: true, align: "center", size: 36 }));
    else if (p.kind === "heading") body.push(paragraph(p.text, { bold: true }));
    else if (p.kind === "para") body.push(paragraph(p.text));
    // an empty paragraph after a table keeps Word from gluing the next table or heading to it
    else if (p.kind === "table") body.push(table(p.grid), paragraph(""));
    else body.push(paragraph(p.agency, { align: "right" }), paragraph(p.date, { align: "right" }));
  }
  const sect = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}"><w:body>${body.join("")}${sect}</w:body></w:document>`;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

// a fixed timestamp keeps the bytes identical for the same report (determinism tests, stable fixtures)
const MTIME = new Date("2024-01-01T00:00:00Z");

export function renderDocx(input: RenderInput): Uint8Array {
  return zipSync(
    {
      "[Content_Types].xml": strToU8(CONTENT_TYPES),
      "_rels/.rels": strToU8(RELS),
      "word/document.xml": strToU8(renderDocxXml(input)),
    },
    { level: 6, mtime: MTIME },
  );
}
