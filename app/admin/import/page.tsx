import type { Metadata } from "next";
import { AdminNav } from "../_components/admin-nav";
import { requirePage } from "../_components/guard";
import { maxUploadBytes } from "@/lib/upload/sniff";
import { ImportForm } from "./import-form";
import { AddressImportForm } from "./address-import-form";
import { ImportScanJobs } from "./scan-jobs";
import { getDb } from "@/server/db";
import { listScanJobs } from "@/server/scan-jobs";
import { startScanRunner } from "@/server/scan-runner";

export const metadata: Metadata = { title: "批量导入" };
export const dynamic = "force-dynamic";

export default async function ImportPage() {
  const viewer = await requirePage("import.bulk", "/admin/import");
  const db = getDb();
  startScanRunner(db);
  const scanJobs = listScanJobs(db, { kind: "import", limit: 30 });
  return (
    <div>
      <h1>批量导入年报</h1>
      <AdminNav viewer={viewer} />
      <p className="muted">
        可一次选择多个年报文件或 .zip 压缩包。机关和年度按清单（manifest.csv，列
        file,agency,year，可放在压缩包中）确定，没有清单时按报告中写明的机关和年度。同一文件重复导入不会产生重复版本。一次上传的文件总计不超过{" "}
        {Math.round(maxUploadBytes() / 1048576)} MB。命令行：
        <code>npm run -s import -- --manifest manifest.csv --publish</code>
      </p>
      <ImportForm maxMb={Math.round(maxUploadBytes() / 1048576)} />
      <ImportScanJobs jobs={scanJobs} />
      <h2>按网址导入</h2>
      <AddressImportForm />
    </div>
  );
}
