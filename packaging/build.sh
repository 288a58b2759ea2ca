#!/usr/bin/env bash
# Builds the one-folder app into dist/csdesk with PyInstaller, then checks that it starts.
# Run on the platform you build for: Linux, macOS, or Windows under Git Bash.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x .venv/Scripts/python.exe ]; then py=.venv/Scripts/python.exe; exe=dist/csdesk/csdesk.exe
else
  [ -x .venv/bin/python ] || bash scripts/setup.sh
  py=.venv/bin/python; exe=dist/csdesk/csdesk
fi
"$py" -m pip install --quiet --disable-pip-version-check -e '.[packaging]' 2>&1 \
  | grep -vE "^WARNING: Location" || true
"$py" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/csdesk.spec
"$exe" --version
echo "built: dist/csdesk"
