#!/usr/bin/env bash
# `npm test`: lint and type check, unit + API tests (vitest), then browser journeys (Playwright in Debian's Chromium).
# Chromium: uses $CHROMIUM_PATH or /usr/bin/chromium; when missing and we are root with apt-get, installs
# Debian's `chromium` package (Playwright's own browser download cannot work offline).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_PATH" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Chromium not found at $CHROMIUM_PATH: installing Debian's chromium package…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium not found at $CHROMIUM_PATH. Install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH." >&2
    exit 1
  fi
fi
export CHROMIUM_PATH

# OCR of scanned reports: tesseract with Chinese, and poppler's pdftoppm/pdfinfo. Without them the OCR
# tests skip (saying why) and scanned uploads get a message naming these packages.
if ! command -v tesseract >/dev/null || ! command -v pdftoppm >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx chi_sim; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "OCR engine missing: installing Debian's tesseract-ocr tesseract-ocr-chi-sim poppler-utils…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-chi-sim poppler-utils >/dev/null || echo "(could not install the OCR packages; OCR tests will skip)" >&2
  else
    echo "OCR engine missing (apt-get install -y tesseract-ocr tesseract-ocr-chi-sim poppler-utils): OCR tests will skip." >&2
  fi
fi

mkdir -p .test-reports  # not test-results/: Playwright empties that folder when it starts
echo "== lint (layer boundaries, no import cycles, server-only; eslint.config.mjs)"
npm run -s lint
echo "== format (prettier --check; README and other prose are not formatted)"
npm run -s format:check
echo "== type check (tsc --noEmit)"
npx tsc --noEmit
echo "== unit and API tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=.test-reports/vitest.json "$@"
echo "== production build (next build, before the browser tests start)"
npx tsx scripts/start.ts --build-only
echo "== browser tests (Playwright, Chromium at $CHROMIUM_PATH)"
PLAYWRIGHT_JSON_OUTPUT_NAME=.test-reports/playwright.json npx playwright test --reporter=list,json
# one closing line for both runners: "N passed, N failed, N skipped"
# (both runners have already passed here; a missing report only loses the summary, not the verdict)
node -e '
const fs = require("fs");
try {
  const v = JSON.parse(fs.readFileSync(".test-reports/vitest.json", "utf8"));
  const p = JSON.parse(fs.readFileSync(".test-reports/playwright.json", "utf8")).stats;
  const passed = v.numPassedTests + p.expected + (p.flaky || 0), failed = v.numFailedTests + p.unexpected, skipped = v.numPendingTests + v.numTodoTests + p.skipped;
  console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
} catch (e) {
  console.log(`(no test summary: ${e.message})`);
}
'
