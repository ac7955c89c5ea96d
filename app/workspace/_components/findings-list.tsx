import { SEVERITY_LABELS } from "@/lib/checks";
import type { Finding, ParseWarning } from "@/lib/template";

/** Findings and parser warnings as a list beside the tables (the tables highlight the same cells). */
export function FindingsList({
  findings,
  warnings = [],
  footer,
}: {
  findings: Finding[];
  warnings?: ParseWarning[];
  footer?: (f: Finding, i: number) => React.ReactNode;
}) {
  if (!findings.length && !warnings.length) return <p className="notice ok">未发现问题：勾稽关系检查全部通过。</p>;
  return (
    <div className="card" data-testid="findings">
      {findings.length ? (
        <>
          <h3>检查发现（{findings.length}）</h3>
          <ul>
            {findings.map((f, i) => (
              <li key={`${f.code}-${i}`} data-testid="finding" data-code={f.code}>
                <span className={`badge ${f.severity}`}>{SEVERITY_LABELS[f.severity]}</span> <code>{f.code}</code>{" "}
                {f.message}
                {footer ? footer(f, i) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {warnings.length ? (
        <>
          <h3>识别提示（{warnings.length}）</h3>
          <ul>
            {warnings.map((w, i) => (
              <li key={i} data-testid="parse-warning">
                {w.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
