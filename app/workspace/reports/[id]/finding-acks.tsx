import { SEVERITY_LABELS } from "@/lib/checks";
import type { Finding } from "@/lib/template";
import { ActionForm } from "../../_components/action-form";
import { ackAction } from "../../actions";

type Ack = {
  id: number;
  code: string;
  cellsKey: string;
  kind: "accepted" | "explained";
  comment: string;
  createdAt: string;
  userName: string | null;
};

/** Findings of the current version with the agency's explanations and the reviewers' acceptances. */
export function FindingAcks({
  reportId,
  findings,
  acks,
  mayExplain,
  mayAccept,
}: {
  reportId: number;
  findings: (Finding & { id: number })[];
  acks: Ack[];
  mayExplain: boolean;
  mayAccept: boolean;
}) {
  if (!findings.length) return <p className="notice ok">当前版本未发现问题。</p>;
  const key = (cells: string[]) => [...cells].sort().join(",");
  return (
    <section className="card" data-testid="findings">
      <h2>检查发现（{findings.length}）</h2>
      <ul>
        {findings.map((f) => {
          const mine = acks.filter((a) => a.code === f.code && a.cellsKey === key(f.cells));
          return (
            <li key={f.id} data-testid="finding" data-code={f.code} style={{ marginBottom: 8 }}>
              <span className={`badge ${f.severity}`}>{SEVERITY_LABELS[f.severity]}</span> <code>{f.code}</code>{" "}
              {f.message}
              {mine.map((a) => (
                <div key={a.id} className="small" data-testid="ack">
                  <span className={`badge ${a.kind === "accepted" ? "ok" : "info"}`}>
                    {a.kind === "accepted" ? "审核认可" : "机关说明"}
                  </span>{" "}
                  {a.comment}（{a.userName ?? "—"}）
                </div>
              ))}
              {mayExplain || mayAccept ? (
                <details>
                  <summary className="small">{mayAccept ? "认可或说明" : "作出说明"}</summary>
                  <ActionForm action={ackAction} className="stack">
                    <input type="hidden" name="reportId" value={reportId} />
                    <input type="hidden" name="findingId" value={f.id} />
                    <label htmlFor={`ack-${f.id}`}>说明</label>
                    <textarea id={`ack-${f.id}`} name="comment" rows={2} />
                    <div className="toolbar">
                      {mayExplain ? (
                        <button className="btn secondary" type="submit" name="kind" value="explained">
                          提交说明
                        </button>
                      ) : null}
                      {mayAccept ? (
                        <button className="btn" type="submit" name="kind" value="accepted">
                          认可此问题
                        </button>
                      ) : null}
                    </div>
                  </ActionForm>
                </details>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
