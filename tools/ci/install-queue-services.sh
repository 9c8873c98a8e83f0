#!/usr/bin/env bash
# Install Debian's redis-server and postgresql for the queue-mode topology
# (tools/n8n/topology.js: test/e2e/queue.e2e.test.ts, tools/bench/capacity.ts, `npm run dev -- --queue`).
# Neither service is started by the package install; the topology runs its own throwaway instances.
# Idempotent: installs only what `dpkg -s` does not report as installed.
set -euo pipefail

missing=()
for pkg in redis-server postgresql; do
	if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed'; then missing+=("$pkg"); fi
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "redis-server and postgresql already installed: $(redis-server --version | cut -d' ' -f3) / $(ls /usr/lib/postgresql)"
	exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "${missing[@]}"
# Debian's postinst may start a system-wide cluster and server; the topology needs neither.
if command -v pg_ctlcluster >/dev/null 2>&1; then
	for v in /usr/lib/postgresql/*; do $SUDO pg_ctlcluster "$(basename "$v")" main stop 2>/dev/null || true; done
fi
$SUDO service redis-server stop 2>/dev/null || true
redis-server --version
