#!/usr/bin/env bash
# Wrap build/dist/Quill.app (from `python packaging/build.py bundle` on macOS) into dist/Quill-<version>.dmg:
# a compressed disk image holding the app and a link to /Applications to drag it onto.
#
#   packaging/macos/make-dmg.sh [path/to/Quill.app]
#
# Signing and notarisation are outside this script: set CODESIGN_IDENTITY to sign the app and the image
# with that identity (Developer ID Application) before notarising with `xcrun notarytool`.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
APP="${1:-$ROOT/build/dist/Quill.app}"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/quill/__init__.py")"
OUT="$ROOT/dist/Quill-$VERSION.dmg"

[ "$(uname -s)" = Darwin ] || { echo "make-dmg.sh: hdiutil needs macOS" >&2; exit 2; }
[ -d "$APP" ] || { echo "make-dmg.sh: $APP not found; run: python packaging/build.py bundle" >&2; exit 1; }
/usr/libexec/PlistBuddy -c "Print :CFBundleIdentifier" "$APP/Contents/Info.plist" >/dev/null

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
fi

# The installed app must pass its own self-test before it is shipped.
"$APP/Contents/MacOS/quill" --self-test

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/Quill.app"
ln -s /Applications "$STAGE/Applications"
mkdir -p "$ROOT/dist"
rm -f "$OUT"
hdiutil create -volname "Quill $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -imagekey zlib-level=9 -ov "$OUT"
hdiutil verify "$OUT"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$OUT"
fi
echo "make-dmg.sh: $OUT ($(du -h "$OUT" | cut -f1))"
