#!/usr/bin/env bash
# Sets everything up, builds a fresh demo portfolio in ./demo.csdesk and opens it.
# Without a display (Linux/BSD with neither DISPLAY nor WAYLAND_DISPLAY) the window cannot open:
# it builds the demo anyway and says, in one sentence, which commands work without one.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
rm -f demo.csdesk demo.csdesk-wal demo.csdesk-shm
.venv/bin/csdesk demo demo.csdesk
case "$(uname -s)" in
  Darwin | MINGW* | MSYS* | CYGWIN*) ;;
  *)
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ]; then
      echo "run-demo: no display (DISPLAY and WAYLAND_DISPLAY are unset), so the window cannot" \
        "open, but demo.csdesk is built and the headless commands work on it: .venv/bin/csdesk" \
        "metrics demo.csdesk, health, report, export, screenshots (csdesk --help lists them all)." >&2
      exit 2
    fi
    ;;
esac
exec .venv/bin/csdesk open demo.csdesk
