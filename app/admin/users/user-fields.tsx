import { ROLE_LABELS, ROLES } from "@/lib/permissions";

type Option = { id: number; name: string };

/** Role, agency and contact fields shared by the create and edit forms. */
export function UserFields({
  value,
  agencies,
}: {
  value?: { name: string; role: string; agencyId: number | null; email: string | null; phone: string | null };
  agencies: Option[];
}) {
  return (
    <>
      <div>
        <label htmlFor="name">姓名</label>
        <input id="name" name="name" type="text" required defaultValue={value?.name} />
      </div>
      <div>
        <label htmlFor="role">角色</label>
        <select id="role" name="role" defaultValue={value?.role ?? "agency"}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="agencyId">所属机关（机关填报员必填）</label>
        <select id="agencyId" name="agencyId" defaultValue={value?.agencyId ?? ""}>
          <option value="">无</option>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="email">电子邮箱</label>
        <input id="email" name="email" type="email" defaultValue={value?.email ?? ""} />
      </div>
      <div>
        <label htmlFor="phone">电话</label>
        <input id="phone" name="phone" type="text" defaultValue={value?.phone ?? ""} />
      </div>
    </>
  );
}
