/**
 * A chart with its title and, below it, the same numbers as a table (open by default for screen
 * readers, collapsible for sighted readers) — the text alternative every chart must have.
 */
import type { ReactNode } from "react";
import type { Grid } from "@/lib/stats/grid";
import { GridTable } from "./grid-table";

export function ChartCard({
  title,
  chart,
  table,
  summary,
  download,
  id,
  open,
}: {
  title: string;
  chart: ReactNode;
  table: Grid;
  summary?: ReactNode;
  download?: string;
  id?: string;
  open?: boolean;
}) {
  return (
    <section
      className="card chart-card"
      aria-labelledby={`${id ?? table.id}-title`}
      data-testid={`chart-card-${id ?? table.id}`}
    >
      <h3 id={`${id ?? table.id}-title`}>{title}</h3>
      {summary ? <p className="small muted">{summary}</p> : null}
      {chart}
      <details className="chart-alt" open={open}>
        <summary>查看数据表</summary>
        <GridTable grid={table} caption={false} download={download} />
      </details>
    </section>
  );
}
