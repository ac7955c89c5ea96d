/** Headline figures with 同比 and, for rates, their numerator and denominator. */
import { formatChange, formatCount, formatPercent } from "@/lib/metrics/format";
import type { Headline } from "@/lib/stats/overview";

// Changes are shown with arrows, not red/green: more applications or more corrections is neither
// good nor bad in itself, and colour must not be the only carrier of meaning.
function change(h: Headline): { text: string; cls: string } | null {
  if (h.change === null) return null;
  const arrow = h.change > 0 ? "▲ " : h.change < 0 ? "▼ " : "";
  if (h.changeKind === "ratio") return { text: `${arrow}同比 ${formatChange(h.change)}`, cls: "" };
  const pts = (h.change * 100).toFixed(1);
  return { text: `${arrow}较上年 ${h.change > 0 ? "+" : ""}${pts} 个百分点`, cls: "" };
}

export function Kpis({ items }: { items: Headline[] }) {
  return (
    <div className="grid kpis" data-testid="kpis">
      {items.map((h) => {
        const c = change(h);
        return (
          <div key={h.key} className="card kpi" data-testid={`kpi-${h.key}`}>
            <div className="label">{h.label}</div>
            <div className="value" data-value={h.value ?? ""}>
              {h.fmt === "percent" ? formatPercent(h.value) : formatCount(h.value)}
            </div>
            {h.fmt === "percent" ? (
              <div className="sub">
                {formatCount(h.numerator)} / {formatCount(h.denominator)}（分母：{h.denominatorLabel}）
              </div>
            ) : h.denominator != null ? (
              <div className="sub">
                {h.denominatorLabel} {formatCount(h.denominator)} 个
              </div>
            ) : null}
            {c ? (
              <div className={`sub change ${c.cls}`}>{c.text}</div>
            ) : (
              <div className="sub">同比：上年无可比数据</div>
            )}
          </div>
        );
      })}
    </div>
  );
}
