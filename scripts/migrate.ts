import { openDb } from "../db/client";
import { env } from "../lib/env";

const file = env().DATABASE_PATH;
const db = openDb(file);
const n = db.$client.prepare("select count(*) n from __drizzle_migrations").get() as { n: number };
console.log(`数据库已迁移到最新结构：${file}（已应用 ${n.n} 个迁移）`);
db.$client.close();
