import type { Metadata } from "next";
import { AdminNav } from "./_components/admin-nav";
import { requirePage } from "./_components/guard";

export const metadata: Metadata = { title: "管理" };
export const dynamic = "force-dynamic";

export default async function AdminHome() {
  const viewer = await requirePage("tracking.read", "/admin");
  return (
    <div>
      <h1>管理</h1>
      <AdminNav viewer={viewer} />
      <p className="muted">
        报送跟踪、审核、数据质量供政务公开办工作人员使用；机关、用户、报送年度、批量导入和操作日志仅管理员可用。
      </p>
    </div>
  );
}
