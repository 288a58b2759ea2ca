#!/usr/bin/env bash
# Builds the app and proves the build works without Python: --version, a demo portfolio, and
# every main view rendered offscreen to PNG, each exiting 0. About 2-5 minutes; not part of
# the default test run for that reason.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/build.sh
app=dist/csdesk/csdesk
[ -x dist/csdesk/csdesk.exe ] && app=dist/csdesk/csdesk.exe
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$app" --version
"$app" demo "$work/demo.csdesk" >/dev/null
QT_QPA_PLATFORM=offscreen "$app" screenshots "$work/demo.csdesk" "$work/shots" >/dev/null
count=$(find "$work/shots" -name '*.png' -size +10k | wc -l)
[ "$count" -ge 8 ] || { echo "check: only $count screenshots were rendered" >&2; exit 1; }
"$app" metrics "$work/demo.csdesk" --json >/dev/null
echo "check: the built app ran the demo, $count screenshots and the metrics; all exited 0"
