import { AGENCY_KINDS } from "@/lib/enums";

type Option = { id: number; name: string };

/** The fields of an agency, shared by the create and edit forms. */
export function AgencyFields({
  value,
  parents,
}: {
  value?: {
    name: string;
    shortName: string | null;
    kind: string;
    parentId: number | null;
    contact?: string | null;
    firstYear?: number | null;
    lastYear?: number | null;
    website?: string | null;
    reportColumnUrl?: string | null;
  };
  parents: Option[];
}) {
  return (
    <>
      <div>
        <label htmlFor="name">机关全称</label>
        <input id="name" name="name" type="text" required defaultValue={value?.name} />
      </div>
      <div>
        <label htmlFor="shortName">简称</label>
        <input id="shortName" name="shortName" type="text" defaultValue={value?.shortName ?? ""} />
      </div>
      <div>
        <label htmlFor="kind">类型</label>
        <select id="kind" name="kind" defaultValue={value?.kind ?? "市直部门"}>
          {AGENCY_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="parentId">上级机关（县区部门、乡镇街道填所属县区）</label>
        <select id="parentId" name="parentId" defaultValue={value?.parentId ?? ""}>
          <option value="">无</option>
          {parents.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="firstYear">首个报告年度（{value ? "留空表示不限" : "留空为当前报告年度"}）</label>
        <input
          id="firstYear"
          name="firstYear"
          type="number"
          min={2008}
          max={2100}
          defaultValue={value?.firstYear ?? ""}
        />
      </div>
      <div>
        <label htmlFor="lastYear">最后报告年度（合并或撤销时填写，可选）</label>
        <input id="lastYear" name="lastYear" type="number" min={2008} max={2100} defaultValue={value?.lastYear ?? ""} />
      </div>
      <div>
        <label htmlFor="contact">联系方式（可选）</label>
        <input id="contact" name="contact" type="text" defaultValue={value?.contact ?? ""} />
      </div>
      <div>
        <label htmlFor="website">网站（可选）</label>
        <input
          id="website"
          name="website"
          type="url"
          placeholder="https://www.example.gov.cn/"
          defaultValue={value?.website ?? ""}
        />
      </div>
      <div>
        <label htmlFor="reportColumnUrl">年报栏目网址（可选，网站采集从这里查找年报）</label>
        <input
          id="reportColumnUrl"
          name="reportColumnUrl"
          type="url"
          placeholder="https://www.example.gov.cn/xxgk/ndbg/"
          defaultValue={value?.reportColumnUrl ?? ""}
        />
      </div>
    </>
  );
}
