/**
 * Renders a statistics grid (lib/stats/grid) as an accessible HTML table, with its download links. The
 * same grid feeds the CSV/XLSX export, so what is downloaded is what is shown.
 */
import Link from "next/link";
import "./stats.css";
import { formatCell, type GCell, type Grid } from "@/lib/stats/grid";

function Cell({ cell, rowHeader }: { cell: GCell; rowHeader: boolean }) {
  const text = formatCell(cell);
  const numeric = typeof cell.v === "number" || cell.v === null;
  // only the attributes a cell has: every undefined prop would still travel in the page's RSC payload
  const props: { rowSpan?: number; colSpan?: number; title?: string; className?: string; "data-flag"?: string } = {};
  if (cell.rs) props.rowSpan = cell.rs;
  if (cell.cs) props.colSpan = cell.cs;
  if (cell.flag ?? cell.note) props.title = cell.flag ?? cell.note;
  if (numeric && !cell.th) props.className = `num${cell.v === null ? " blank" : ""}${cell.flag ? " flagged" : ""}`;
  if (cell.flag) props["data-flag"] = "1";
  // a flagged cell keeps only its number as text (the ※ is drawn by CSS, the reason is the title and is
  // listed after the table), so the value reads and copies as a number
  const content = cell.href ? <Link href={cell.href}>{text}</Link> : text;
  if (cell.th)
    return (
      <th scope={rowHeader ? "row" : "col"} {...props}>
        {content}
      </th>
    );
  return <td {...props}>{content}</td>;
}

export function GridTable({ grid, download, caption = true }: { grid: Grid; download?: string; caption?: boolean }) {
  const head = grid.rows.slice(0, grid.headRows);
  const body = grid.rows.slice(grid.headRows);
  return (
    <figure className="grid-table" data-testid={`grid-${grid.id}`}>
      <div className="table-wrap">
        <table className="data">
          {caption ? <caption className="grid-caption">{grid.title}</caption> : null}
          {head.length ? (
            <thead>
              {head.map((row, i) => (
                <tr key={i}>
                  {row.map((c, j) => (
                    <Cell key={j} cell={c} rowHeader={false} />
                  ))}
                </tr>
              ))}
            </thead>
          ) : null}
          <tbody>
            {body.map((row, i) => (
              <tr key={i}>
                {row.map((c, j) => (
                  <Cell key={j} cell={c} rowHeader={!!c.th && row.some((x) => !x.th)} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {grid.note || download ? (
        <figcaption className="small muted grid-note">
          {grid.note ? <span>注：{grid.note}</span> : null}
          {download ? <DownloadLinks href={download} /> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}

/** "下载 CSV · XLSX" for an export URL (without the format parameter). */
export function DownloadLinks({ href, label = "下载" }: { href: string; label?: string }) {
  const sep = href.includes("?") ? "&" : "?";
  return (
    <span className="downloads no-print">
      {label}：<a href={`${href}${sep}format=csv`}>CSV</a> · <a href={`${href}${sep}format=xlsx`}>XLSX</a>
    </span>
  );
}
