#!/usr/bin/env bash
# Every check this project has, in the order a failure is cheapest to see:
# lint → format → types → build → engine/unit tests (n8n-core 1.x and 2.x + sandbox) → end-to-end tests in real n8n.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p artifacts
rm -f artifacts/jest-*.json # the closing line must count this run only

step() { printf '\n== %s (%s)\n' "$1" "$(date +%T)"; }

# Whatever step ends the run, its last lines name the failed tests and count every test run.
finish() {
	local status=$?
	node tools/test-summary.js artifacts/jest-engine.json artifacts/jest-engine-v2.json \
		artifacts/jest-e2e.json || status=1
	exit "$status"
}
trap finish EXIT

step lint
npm run lint
step format
npm run format:check
step typecheck
npm run typecheck
step build
npm run build

step "engine and unit tests on n8n-core 1.x (what n8n 1.123 ships)"
npx jest --json --outputFile=artifacts/jest-engine.json

step "the same engine tests on n8n-core 2.x under Node 24 (what n8n 2.41 ships)"
node tools/engine-v2/run.js

step "headless Chromium for the editor check (Debian's chromium; skipped when present)"
bash tools/ci/install-chromium.sh

step "Redis and Postgres for the queue-mode tests (Debian's redis-server and postgresql; skipped when present)"
bash tools/ci/install-queue-services.sh

step "end-to-end tests in real n8n (1.x on Node 22, 2.x on Node 24, default vm expression engine)"
npx jest -c jest.e2e.config.js --json --outputFile=artifacts/jest-e2e.json
