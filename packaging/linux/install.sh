#!/usr/bin/env bash
# Puts Parley into the current user's application menu (no root needed).
#
#   install.sh [--exec PROGRAM]     add the menu entry and icons
#   install.sh --uninstall          remove them again (your chats and settings stay)
#
# PROGRAM is what the menu entry starts. Default: the bundle this script sits in, else
# dist/parley/parley of the checkout, else `parley` on PATH. Files go under
# ${XDG_DATA_HOME:-~/.local/share}: applications/parley.desktop and
# icons/hicolor/<size>/apps/parley.{png,svg}.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
apps_dir=$data_home/applications
icons_dir=$data_home/icons/hicolor
sizes=(16 22 24 32 48 64 128 256 512)

usage() { sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

find_resources() {
  for candidate in "$here/_internal/resources" "$here/../../resources"; do
    if [ -f "$candidate/parley.desktop" ]; then (cd "$candidate" && pwd); return; fi
  done
  echo "install.sh: cannot find Parley's resources/ folder next to this script" >&2
  exit 1
}

default_exec() {
  for candidate in "$here/parley" "$here/../../dist/parley/parley"; do
    if [ -x "$candidate" ]; then echo "$(cd "$(dirname "$candidate")" && pwd)/parley"; return; fi
  done
  if command -v parley >/dev/null 2>&1; then command -v parley; return; fi
  echo "install.sh: no Parley program found; build one with 'make package' or pass --exec PROGRAM" >&2
  exit 1
}

refresh_caches() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps_dir" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons_dir" 2>/dev/null || true
}

uninstall() {
  rm -f "$apps_dir/parley.desktop" "$icons_dir/scalable/apps/parley.svg"
  for size in "${sizes[@]}"; do rm -f "$icons_dir/${size}x${size}/apps/parley.png"; done
  refresh_caches
  echo "Parley removed from the menu ($apps_dir). Chats and settings were kept."
}

install() {
  local program=$1 resources exec_value
  resources=$(find_resources)
  case "$program" in
    /*) ;;
    */*) program="$(cd "$(dirname "$program")" && pwd)/$(basename "$program")" ;;
  esac
  case "$program" in
    *[\"\`\$\\]*) echo "install.sh: the program path must not contain \" \` \$ or \\: $program" >&2; exit 1 ;;
    *[[:space:]]*) exec_value="\"$program\"" ;;
    *) exec_value=$program ;;
  esac
  mkdir -p "$apps_dir" "$icons_dir/scalable/apps"
  for size in "${sizes[@]}"; do
    mkdir -p "$icons_dir/${size}x${size}/apps"
    cp "$resources/icons/parley-$size.png" "$icons_dir/${size}x${size}/apps/parley.png"
  done
  cp "$resources/icons/parley.svg" "$icons_dir/scalable/apps/parley.svg"
  local entry
  entry=$(mktemp "$apps_dir/.parley.desktop.XXXXXX")
  sed "s|^Exec=.*|Exec=$exec_value|; s|^TryExec=.*||" "$resources/parley.desktop" >"$entry"
  chmod 644 "$entry"
  mv "$entry" "$apps_dir/parley.desktop"
  refresh_caches
  echo "Parley is in your application menu ($apps_dir/parley.desktop), starting $program"
}

program=""
action=install
while [ $# -gt 0 ]; do
  case "$1" in
    --exec) program=${2:?--exec needs a program path}; shift 2 ;;
    --uninstall) action=uninstall; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

if [ "$action" = uninstall ]; then uninstall; exit 0; fi
[ -n "$program" ] || program=$(default_exec)
install "$program"
