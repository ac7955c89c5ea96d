import type { Provenance } from "@/lib/ingest/types";
import { formatCellValue } from "@/lib/report-form";
import { cellDefs, getCell, shapeOf, type Report } from "@/lib/template";

function where(p: Provenance): string {
  const l = p.loc;
  return [
    l.page ? `第${l.page}页` : "",
    l.table ? `表${l.table}` : "",
    l.line ? `第${l.line}行` : "",
    l.row ? `第${l.row}行` : "",
    l.col ? `第${l.col}列` : "",
  ]
    .filter(Boolean)
    .join(" ");
}

/** Each number as read beside the source text it came from, in template order. */
export function ProvenanceTable({ report, provenance }: { report: Report; provenance: Record<string, Provenance> }) {
  const defs = cellDefs(shapeOf(report)).filter((d) => provenance[d.path]);
  if (!defs.length) return null;
  return (
    <details className="card" style={{ marginTop: 16 }} open>
      <summary>每个数字的原文出处（{defs.length} 个单元格）</summary>
      <div className="table-wrap">
        <table className="data" data-testid="provenance">
          <thead>
            <tr>
              <th>单元格</th>
              <th className="num">识别值</th>
              <th>原文</th>
              <th>位置</th>
            </tr>
          </thead>
          <tbody>
            {defs.map((d) => {
              const p = provenance[d.path];
              return (
                <tr key={d.path}>
                  <td>
                    {d.rowLabel} · {d.colLabel}
                  </td>
                  <td className="num">{formatCellValue(d, getCell(report, d.path))}</td>
                  <td>{p.snippet}</td>
                  <td className="small muted">{where(p)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}
