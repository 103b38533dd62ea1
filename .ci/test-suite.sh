#!/usr/bin/env bash
# The whole suite: quality gates, then pytest inside a private D-Bus session with an
# unlocked gnome-keyring (the real Secret Service) and offscreen Qt.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

echo "== ruff"; $BIN/ruff check desktop tests bench
echo "== ruff format"; $BIN/ruff format --check desktop tests bench
echo "== mypy"; $BIN/mypy
echo "== import-linter"; $BIN/lint-imports

export QT_QPA_PLATFORM=offscreen
export OMP_WAIT_POLICY=PASSIVE
# Tests must never see the person's real config/data: every test also gets its own dirs.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" XDG_CACHE_HOME="$scratch/cache"
export XDG_RUNTIME_DIR="$scratch/runtime"; mkdir -p "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"

echo "== pytest"
exec dbus-run-session -- bash .ci/with-keyring.sh $BIN/python -m pytest -q -p no:cacheprovider "$@"
