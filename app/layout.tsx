import type { Metadata } from "next";
import { SiteHeader } from "@/components/site-header";
import { getViewer } from "@/server/auth/viewer";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "示例市政府信息公开年报汇总平台", template: "%s · 政府信息公开年报汇总平台" },
  description: "汇总、核查、分析各机关政府信息公开工作年度报告",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>
        <a className="skip-link" href="#main">
          跳到正文
        </a>
        <SiteHeader viewer={await getViewer()} />
        <main id="main">{children}</main>
        <footer className="site-footer">
          汇总各机关按《政府信息公开条例》发布的年度报告 · 数据以各机关发布的原文为准
        </footer>
      </body>
    </html>
  );
}
