import type { Provenance } from "@/lib/ingest/types";
import { formatCellValue, toDisplay } from "@/lib/report-form";
import { getCell, type CellDef, type Report } from "@/lib/template";

export interface CellNotes {
  severity?: "error" | "warning" | "info";
  messages: string[];
}

function locText(p: Provenance): string {
  const l = p.loc;
  const where = [
    l.page ? `第${l.page}页` : "",
    l.table ? `表${l.table}` : "",
    l.line ? `第${l.line}行` : "",
    l.row ? `第${l.row}行` : "",
    l.col ? `第${l.col}列` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return `${where}“${p.snippet}”`;
}

/** One number cell: formatted value (blank stays blank), highlighted when a finding or warning names it. */
export function ValueCell({
  def,
  report,
  notes,
  provenance,
  image,
  doubt = false,
  mode,
}: {
  def: CellDef;
  report: Report;
  notes?: CellNotes;
  provenance?: Provenance;
  /** scanned input: the cut-out image of the cell the value was read from (data: URL) */
  image?: string;
  /** read under a parser warning: stands out beside its image so the clerk compares the two */
  doubt?: boolean;
  mode: "view" | "edit";
}) {
  const value = getCell(report, def.path) ?? null;
  const cls = [
    "num",
    value === null ? "blank" : "",
    notes?.severity === "error" ? "flag-error" : notes?.severity ? "flag-warning" : "",
    doubt ? "flag-doubt" : "",
    image ? "has-image" : "",
  ]
    .filter(Boolean)
    .join(" ");
  const title = [
    `${def.rowLabel} · ${def.colLabel}${def.unit ? `（${def.unit}）` : ""}`,
    ...(notes?.messages ?? []),
    provenance ? `来源：${locText(provenance)}` : "",
  ]
    .filter(Boolean)
    .join("\n");
  if (mode === "edit") {
    const shown = toDisplay(def, value);
    return (
      <td
        className={cls}
        title={title}
        data-path={def.path}
        id={image ? `cell-${def.path}` : undefined}
        data-doubt={doubt ? "1" : undefined}
      >
        {image ? <CellImage def={def} image={image} /> : null}
        {doubt ? <span className="cell-doubt">需核对</span> : null}
        <input
          name={`cell:${def.path}`}
          aria-label={`${def.rowLabel} ${def.colLabel}`}
          defaultValue={shown === null ? "" : String(shown)}
          inputMode="decimal"
          className="cell-input"
          data-testid={`cell-${def.path}`}
        />
        {provenance ? <span className="cell-source">{provenance.raw || provenance.snippet}</span> : null}
      </td>
    );
  }
  return (
    <td className={cls} title={title} data-path={def.path} data-testid={`cell-${def.path}`}>
      {image ? <CellImage def={def} image={image} /> : null}
      {value === null ? <span className="sr-only">空白</span> : formatCellValue(def, value)}
      {notes?.severity ? <span className="sr-only">（{notes.messages.join("；")}）</span> : null}
    </td>
  );
}

/** The cut-out image of a cell of a scanned page, shown beside the value read from it. */
function CellImage({ def, image }: { def: CellDef; image: string }) {
  return (
    <img
      className="cell-image"
      src={image}
      alt={`原件图像：${def.rowLabel} ${def.colLabel}`}
      data-testid={`cell-image-${def.path}`}
    />
  );
}
