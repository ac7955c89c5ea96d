import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { listUsers } from "@/server/admin";
import { listAgencies } from "@/db/queries/catalog";
import { ActionForm } from "@/app/workspace/_components/action-form";
import { resetPasswordAction, updateUserAction } from "../../actions";
import { AdminNav } from "../../_components/admin-nav";
import { requirePage } from "../../_components/guard";
import { UserFields } from "../user-fields";
import { PASSWORD_HINT } from "@/lib/auth/password-policy";

export const metadata: Metadata = { title: "编辑用户" };
export const dynamic = "force-dynamic";

export default async function UserEdit({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requirePage("user.manage", `/admin/users/${id}`);
  const db = getDb();
  const user = listUsers(db, viewer).find((u) => String(u.id) === id);
  if (!user) notFound();
  return (
    <div>
      <p className="small">
        <Link href="/admin/users">← 用户列表</Link>
      </p>
      <h1>用户：{user.login}</h1>
      <AdminNav viewer={viewer} />
      <div className="grid cols-2">
        <section className="card">
          <h2>资料与角色</h2>
          <ActionForm action={updateUserAction} className="stack" testId="user-edit">
            <input type="hidden" name="id" value={user.id} />
            <UserFields value={user} agencies={listAgencies(db)} />
            <div>
              <label htmlFor="disabled">账号状态</label>
              <select id="disabled" name="disabled" defaultValue={user.disabled ? "1" : "0"}>
                <option value="0">正常</option>
                <option value="1">停用</option>
              </select>
            </div>
            <button className="btn" type="submit">
              保存
            </button>
          </ActionForm>
        </section>
        <section className="card">
          <h2>重置密码</h2>
          <ActionForm action={resetPasswordAction} className="stack" testId="user-password">
            <input type="hidden" name="id" value={user.id} />
            <label htmlFor="new-password">新密码（{PASSWORD_HINT}）</label>
            <input id="new-password" name="password" type="password" required autoComplete="new-password" />
            <button className="btn" type="submit">
              重置密码
            </button>
          </ActionForm>
        </section>
      </div>
    </div>
  );
}
