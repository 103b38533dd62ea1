#!/usr/bin/env bash
# Inside a D-Bus session: start gnome-keyring unlocked with a throwaway password, then run "$@".
set -euo pipefail
eval "$(printf 'throwaway\n' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)" || true
export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null || true
exec "$@"
