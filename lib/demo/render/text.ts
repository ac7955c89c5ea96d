/**
 * Plain-text layouts in which published reports reach us when copied from web pages (see the corpus
 * README): the table cells survive, the spans do not — each row prints only the cells that start in it.
 */
import { documentModel, type Grid, type RenderInput } from "./model";

export const TEXT_LAYOUTS = ["pipe-rows", "cell-per-line", "blank-line", "markdown", "interleaved"] as const;
export type TextLayout = (typeof TEXT_LAYOUTS)[number];

function tableLines(grid: Grid, layout: TextLayout): string[] {
  const rows = grid.rows.map((cells) => cells.map((c) => c.text));
  switch (layout) {
    case "pipe-rows":
      return rows.map((cells) => cells.join(" | "));
    case "cell-per-line":
      // blank cells become a lone "|" line
      return rows.flatMap((cells) => cells.map((t) => (t === "" ? "|" : `${t} |`)));
    case "blank-line":
      // each cell is its line followed by an empty line; a blank cell is just one empty line (as in
      // pages whose cells were <p> paragraphs: empty ones collapse to a single line)
      return rows.flat().flatMap((t) => (t === "" ? [""] : [t, ""]));
    case "markdown": {
      const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
      return [line(rows[0]), `|${"---|".repeat(rows[0].length)}`, ...rows.slice(1).map(line)];
    }
    case "interleaved":
      return [rows.flat().join("\n|\n")];
  }
}

export function renderText(input: RenderInput, layout: TextLayout): string {
  const out: string[] = [];
  const gap = layout === "blank-line" ? [""] : [];
  // (the blank-line table already ends in an empty line, so a table needs no extra gap)
  for (const p of documentModel(input).parts) {
    switch (p.kind) {
      case "title":
      case "heading":
      case "para":
        out.push(p.text, ...gap);
        break;
      case "table":
        out.push(...tableLines(p.grid, layout));
        break;
      case "signoff":
        out.push(p.agency, p.date);
        break;
    }
  }
  return out.join("\n") + "\n";
}
