/**
 * What `npm start` says about the demo logins. Passwords are printed once, on the start that seeded them;
 * later starts only name the file (mode 600) that keeps the generated ones. Passwords taken from the
 * environment are neither printed nor stored: the operator chose them.
 */
import fs from "node:fs";
import type { DemoLogin } from "../db/seed";

export function saveLogins(file: string, logins: DemoLogin[]): void {
  fs.writeFileSync(file, JSON.stringify(logins, null, 2), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

/** Lines to print: the passwords after seeding (`fresh`), otherwise where to find them. */
export function loginLines(fresh: DemoLogin[] | null, file: string): string[] {
  if (!fresh)
    return fs.existsSync(file) ? [`演示账号的初始密码只在首次启动时显示一次，保存在 ${file}（仅本用户可读）`] : [];
  return [
    "演示账号（密码只显示这一次）：",
    ...fresh.map(
      (l) =>
        `  ${l.role}${l.agency ? `（${l.agency}）` : ""}：用户名 ${l.login}  密码 ${l.password ?? `由 ${l.env} 设置`}`,
    ),
    `  （生成的密码另存于 ${file}，仅本用户可读；设置 ADMIN_PASSWORD / REVIEWER_PASSWORD / AGENCY_PASSWORD 后重新初始化数据库可自定义密码）`,
  ];
}
