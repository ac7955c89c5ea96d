/**
 * The report as a web page: tables with rowspan/colspan as the official template draws them. With
 * `wordStyle` the markup imitates a page saved from Word (MsoNormal paragraphs, <o:p>, &nbsp;), which
 * is how many agencies publish.
 */
import { documentModel, type Grid, type GridCell, type RenderInput } from "./model";

export interface HtmlOptions {
  wordStyle?: boolean;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function spans(c: GridCell, quote: string): string {
  return (
    (c.rowspan > 1 ? ` rowspan=${quote}${c.rowspan}${quote}` : "") +
    (c.colspan > 1 ? ` colspan=${quote}${c.colspan}${quote}` : "")
  );
}

function plainCell(c: GridCell): string {
  return `<td${spans(c, '"')}>${esc(c.text)}</td>`;
}

function wordCell(c: GridCell): string {
  const style = ` valign=middle style='border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'`;
  let inner: string;
  if (c.text === "")
    inner = `<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US><o:p>&nbsp;</o:p></span></p>`;
  else if (c.header)
    inner = `<p class=MsoNormal align=center style='text-align:center'><span style='font-family:宋体'>${esc(c.text)}</span><span lang=EN-US><o:p></o:p></span></p>`;
  else
    inner = `<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US>${esc(c.text)}<o:p></o:p></span></p>`;
  return `<td${spans(c, "")}${style}>${inner}</td>`;
}

function table(grid: Grid, word: boolean): string {
  const open = word
    ? `<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none'>`
    : `<table border="1" cellspacing="0">`;
  const rows = grid.rows.map((cells) => `<tr>${cells.map(word ? wordCell : plainCell).join("")}</tr>`);
  return [open, ...rows, "</table>"].join("\n");
}

function para(text: string, word: boolean, kind: "title" | "heading" | "para" | "right"): string {
  if (!word) {
    if (kind === "title") return `<h1>${esc(text)}</h1>`;
    if (kind === "heading") return `<h2>${esc(text)}</h2>`;
    return kind === "right" ? `<p style="text-align:right">${esc(text)}</p>` : `<p>${esc(text)}</p>`;
  }
  if (kind === "title")
    return `<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt;font-family:方正小标宋简体'>${esc(text)}</span></b></p>`;
  if (kind === "heading")
    return `<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:黑体'>${esc(text)}</span><span lang=EN-US><o:p></o:p></span></p>`;
  if (kind === "right")
    return `<p class=MsoNormal align=right style='text-align:right'><span style='font-family:仿宋_GB2312'>${esc(text)}</span></p>`;
  return `<p class=MsoNormal style='text-indent:32.0pt'><span lang=EN-US>&nbsp;&nbsp;</span><span style='font-family:仿宋_GB2312'>${esc(text)}</span><span lang=EN-US><o:p></o:p></span></p>`;
}

export function renderHtml(input: RenderInput, opts: HtmlOptions = {}): string {
  const word = opts.wordStyle === true;
  const model = documentModel(input);
  const body: string[] = [];
  for (const p of model.parts) {
    if (p.kind === "table") body.push(table(p.grid, word));
    else if (p.kind === "signoff") body.push(para(p.agency, word, "right"), para(p.date, word, "right"));
    else body.push(para(p.text, word, p.kind));
  }
  const html = word
    ? `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">`
    : `<!DOCTYPE html>\n<html lang="zh-CN">`;
  const meta = word
    ? `<meta http-equiv=Content-Type content="text/html; charset=utf-8">\n<meta name=Generator content="Microsoft Word 15">`
    : `<meta charset="utf-8">`;
  const main = word ? `<div class=WordSection1>\n${body.join("\n")}\n</div>` : `<main>\n${body.join("\n")}\n</main>`;
  return `${html}\n<head>\n${meta}\n<title>${esc(model.title)}</title>\n</head>\n<body>\n${main}\n</body>\n</html>\n`;
}
