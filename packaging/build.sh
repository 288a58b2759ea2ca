#!/usr/bin/env bash
# Builds the one-folder app into dist/csdesk with PyInstaller, then checks it starts.
# Run on the platform you build for (Linux, Windows under Git Bash, macOS).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash scripts/setup.sh
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[packaging]' 2>&1 \
  | grep -vE "^WARNING: Location" || true
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/csdesk.spec
./dist/csdesk/csdesk --version
echo "built: dist/csdesk"
