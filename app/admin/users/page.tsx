import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { listUsers } from "@/server/admin";
import { listAgencies } from "@/db/queries/catalog";
import { ROLE_LABELS } from "@/lib/permissions";
import { ActionForm } from "@/app/workspace/_components/action-form";
import { createUserAction } from "../actions";
import { AdminNav } from "../_components/admin-nav";
import { requirePage } from "../_components/guard";
import { UserFields } from "./user-fields";
import { PASSWORD_HINT } from "@/lib/auth/password-policy";

export const metadata: Metadata = { title: "用户管理" };
export const dynamic = "force-dynamic";

export default async function UsersAdmin() {
  const viewer = await requirePage("user.manage", "/admin/users");
  const db = getDb();
  const users = listUsers(db, viewer);
  const agencies = listAgencies(db);
  return (
    <div>
      <h1>用户管理</h1>
      <AdminNav viewer={viewer} />
      <div className="grid cols-2">
        <section>
          <table className="data" data-testid="user-table">
            <thead>
              <tr>
                <th>用户名</th>
                <th>姓名</th>
                <th>角色</th>
                <th>机关</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link href={`/admin/users/${u.id}`}>{u.login}</Link>
                  </td>
                  <td>{u.name}</td>
                  <td>{ROLE_LABELS[u.role]}</td>
                  <td>{u.agencyName ?? "—"}</td>
                  <td>{u.disabled ? <span className="badge error">已停用</span> : "正常"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card">
          <h2>新建用户</h2>
          <ActionForm action={createUserAction} className="stack" testId="user-create">
            <div>
              <label htmlFor="login">用户名</label>
              <input id="login" name="login" type="text" required autoComplete="off" />
            </div>
            <UserFields agencies={agencies} />
            <div>
              <label htmlFor="password">初始密码（{PASSWORD_HINT}）</label>
              <input id="password" name="password" type="password" required autoComplete="new-password" />
            </div>
            <button className="btn" type="submit">
              创建用户
            </button>
          </ActionForm>
        </section>
      </div>
    </div>
  );
}
