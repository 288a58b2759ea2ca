#!/usr/bin/env bash
# Sets everything up, builds a fresh demo portfolio in ./demo.csdesk and opens it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
rm -f demo.csdesk demo.csdesk-wal demo.csdesk-shm
.venv/bin/csdesk demo demo.csdesk
exec .venv/bin/csdesk open demo.csdesk
