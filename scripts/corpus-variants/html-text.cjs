// Usage: node html-variants.cjs IN.html OUTBASE  → OUTBASE.paste.txt (browser copy: cells by tabs, rows by newlines)
//                                               → OUTBASE.md (markdown tables, prose as paragraphs)
//                                               → OUTBASE.cells.txt (one cell per line, as some viewers copy)
const fs = require("fs");
const cheerio = require("cheerio");
const [, , inp, base] = process.argv;
const $ = cheerio.load(fs.readFileSync(inp, "utf8"));
const clean = (s) =>
  s
    .replace(/\u00a0/g, " ")
    .replace(/\s+/g, " ")
    .trim();
const paste = [],
  md = [],
  cells = [];
function walk(el) {
  $(el)
    .contents()
    .each((_, n) => {
      if (n.type === "text") return;
      if (n.type !== "tag") return;
      const tag = n.tagName.toLowerCase();
      if (tag === "script" || tag === "style") return;
      if (tag === "table") {
        const rows = $(n)
          .find("tr")
          .toArray()
          .map((tr) =>
            $(tr)
              .children("td,th")
              .toArray()
              .map((td) => ({ t: clean($(td).text()), cs: Number($(td).attr("colspan") || 1) })),
          );
        for (const r of rows) {
          paste.push(r.map((c) => c.t).join("\t"));
          for (const c of r) cells.push(c.t);
          // markdown loses colspans: cells printed once (the merged cell once, as a converter would)
          md.push("| " + r.map((c) => c.t).join(" | ") + " |");
          if (r === rows[0]) md.push("|" + r.map(() => " --- |").join(""));
        }
        md.push("");
        return;
      }
      if (/^(p|h[1-6]|li|div)$/.test(tag) && $(n).find("table,p,div").length === 0) {
        const t = clean($(n).text());
        if (t) {
          paste.push(t);
          md.push(t, "");
          cells.push(t);
        }
        return;
      }
      walk(n);
    });
}
walk($("body").length ? $("body")[0] : $.root()[0]);
fs.writeFileSync(base + ".paste.txt", paste.join("\n") + "\n");
fs.writeFileSync(base + ".md", md.join("\n") + "\n");
fs.writeFileSync(base + ".cells.txt", cells.join("\n") + "\n");
