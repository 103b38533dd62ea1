#!/usr/bin/env bash
# Lays out an AppDir around the one-folder bundle, ready for appimagetool:
#
#   build-appdir.sh [BUNDLE_DIR] [APPDIR]     (defaults: dist/parley  dist/Parley.AppDir)
#
# AppDir/AppRun starts usr/lib/parley/parley; parley.desktop and parley.png sit at the
# top as the AppImage spec wants, and usr/share holds the entry and hicolor icons.
# Then, where appimagetool is installed: appimagetool dist/Parley.AppDir dist/Parley.AppImage
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bundle=${1:-$root/dist/parley}
appdir=${2:-$root/dist/Parley.AppDir}
resources=$root/resources

if [ ! -x "$bundle/parley" ]; then
  echo "build-appdir.sh: no bundle at $bundle; run 'make package' first" >&2
  exit 1
fi

rm -rf "$appdir"
mkdir -p "$appdir/usr/lib" "$appdir/usr/bin" "$appdir/usr/share/applications" \
  "$appdir/usr/share/icons/hicolor/scalable/apps"
cp -a "$bundle" "$appdir/usr/lib/parley"
ln -s ../lib/parley/parley "$appdir/usr/bin/parley"

cp "$resources/parley.desktop" "$appdir/parley.desktop"
cp "$resources/parley.desktop" "$appdir/usr/share/applications/parley.desktop"
cp "$resources/icons/parley-256.png" "$appdir/parley.png"
ln -s parley.png "$appdir/.DirIcon"
cp "$resources/icons/parley.svg" "$appdir/usr/share/icons/hicolor/scalable/apps/parley.svg"
for png in "$resources"/icons/parley-*.png; do
  size=$(basename "$png" .png); size=${size#parley-}
  mkdir -p "$appdir/usr/share/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$appdir/usr/share/icons/hicolor/${size}x${size}/apps/parley.png"
done

cat >"$appdir/AppRun" <<'APPRUN'
#!/bin/sh
# Starts the bundled Parley from wherever the AppDir (or mounted AppImage) lives.
here=$(dirname "$(readlink -f "$0")")
exec "$here/usr/lib/parley/parley" "$@"
APPRUN
chmod 755 "$appdir/AppRun"
echo "AppDir ready: $appdir"
