import { defineConfig } from "@playwright/test";
import path from "node:path";

const PORT = Number(process.env.E2E_PORT ?? 3217);
// A separate data directory per port, so two runs on one machine never share a database.
const dataDir = path.resolve(PORT === 3217 ? "data/e2e" : `data/e2e-${PORT}`);
process.env.E2E_DATABASE_PATH ??= path.join(dataDir, "e2e.db");
export const E2E = {
  baseURL: `http://127.0.0.1:${PORT}`,
  databasePath: path.join(dataDir, "e2e.db"),
  adminPassword: "e2e-admin-password",
  reviewerPassword: "e2e-reviewer-password",
  agencyPassword: "e2e-agency-password",
};

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: E2E.baseURL,
    locale: "zh-CN",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
      env: { ...process.env, XDG_CONFIG_HOME: "/tmp/xxgk-pw-config", XDG_CACHE_HOME: "/tmp/xxgk-pw-cache" } as Record<
        string,
        string
      >,
    },
  },
  webServer: {
    // A fresh database every run; the start script migrates, seeds the demo city and builds if needed.
    command: `rm -rf ${dataDir} && mkdir -p ${dataDir} && npx tsx scripts/start.ts`,
    url: `${E2E.baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      DATABASE_PATH: E2E.databasePath,
      PORT: String(PORT),
      SEED_DEMO: "1",
      DEMO_AGENCIES: "40",
      DEMO_SEED: "7",
      ADMIN_PASSWORD: E2E.adminPassword,
      REVIEWER_PASSWORD: E2E.reviewerPassword,
      AGENCY_PASSWORD: E2E.agencyPassword,
      NEXTAUTH_URL: E2E.baseURL,
      NEXTAUTH_SECRET: "e2e-secret-not-for-production-use",
      NEXT_TELEMETRY_DISABLED: "1",
      // tests only: the website-collection journey reads a fixture site on 127.0.0.1 (tests/fixtures/collect)
      COLLECT_ALLOW_LOOPBACK: "1",
      COLLECT_PAUSE_MS: "100",
      COLLECT_TIMEOUT_S: "5",
    },
  },
});
