#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Parley needs: "run" for the window, "test" for the
# whole suite (compiler for llama.cpp, Xvfb, a Secret Service keyring, fonts).
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -euo pipefail
kind="${1:-test}"

run_pkgs=(python3-venv libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  libxcb-xkb1 fonts-noto-cjk fonts-noto-color-emoji)
test_pkgs=(build-essential cmake git xvfb xauth dbus dbus-x11 gnome-keyring
  libsecret-tools imagemagick desktop-file-utils)

pkgs=("${run_pkgs[@]}")
[ "$kind" = "test" ] && pkgs+=("${test_pkgs[@]}")

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-packages: not a Debian/Ubuntu system; make sure these are installed: ${pkgs[*]}" >&2
  exit 0
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "system-packages: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Parley needs these system packages. Run:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
