#!/usr/bin/env bash
# CI: build the .deb from a clean checkout of the committed tree, install it with apt, run the installed
# copy with no virtual environment and no project source on the path, then remove it again.
#
#   packaging/ci-install-test.sh              # clone HEAD into a temp dir, build there, install, test, remove
#   packaging/ci-install-test.sh --reuse-deb  # skip the build: install dist/quill_*.deb of this tree
#
# Needs root (or sudo) for apt-get. Build tools (dpkg-dev, lintian, desktop-file-utils, appstream,
# librsvg2-bin) are installed when missing.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
started=$(date +%s)
say() { echo "[ci-install-test] $*"; }

need=""
for tool in dpkg-shlibdeps:dpkg-dev lintian:lintian desktop-file-validate:desktop-file-utils \
            appstreamcli:appstream rsvg-convert:librsvg2-bin git:git; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || need="$need ${tool##*:}"
done
# Libraries the bundled Qt plugins link against (its Wayland platform plugin) that a fresh machine may
# lack: dpkg-shlibdeps must find them to compute the package's Depends, so the build installs them.
for pkg in libwayland-cursor0 libwayland-egl1 libwayland-client0; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
done
if [ -n "$need" ]; then
  say "installing build tools:$need"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq $need >/dev/null
fi

if [ "${1:-}" = "--reuse-deb" ]; then
  deb=$(ls "$ROOT"/dist/quill_*.deb | tail -n 1)
else
  work=$(mktemp -d /tmp/quill-clean-XXXXXX)
  trap 'rm -rf "$work"' EXIT
  say "clean checkout of $(git -C "$ROOT" rev-parse --short HEAD) in $work"
  git clone -q --no-hardlinks "$ROOT" "$work/quill"
  (cd "$work/quill" && python3 packaging/build.py deb)
  mkdir -p "$ROOT/dist"
  cp "$work"/quill/dist/quill_*.deb "$ROOT/dist/"
  deb=$(ls "$work"/quill/dist/quill_*.deb | tail -n 1)
  deb="$ROOT/dist/$(basename "$deb")"
fi
built=$(date +%s)
say "package: $deb ($(du -h "$deb" | cut -f1))"

remove() { $SUDO apt-get remove -y -qq quill >/dev/null 2>&1 || true; }
trap 'remove; [ -n "${work:-}" ] && rm -rf "$work"' EXIT
$SUDO apt-get install -y -qq "$deb" >/dev/null || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "$deb"; }
installed=$(date +%s)

# The installed copy, from /, with a bare environment: no venv, no PYTHONPATH, no checkout nearby.
run_installed() { (cd / && env -i PATH=/usr/bin:/bin HOME="$(mktemp -d)" LANG=C.UTF-8 "$@"); }
[ "$(command -v quill)" = /usr/bin/quill ] || { say "quill is not /usr/bin/quill"; exit 1; }
version=$(run_installed quill --version)
say "quill --version: $version"
[ "$version" = "quill $(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/quill/__init__.py")" ]
selftest=$(run_installed quill --self-test)
say "$selftest"
case "$selftest" in "quill self-test: ok"*) ;; *) exit 1 ;; esac
# The lean pyqtgraph import reads pyqtgraph's __init__ source: a bundle without it falls back to the
# plain import, which works but costs the panel's memory budget (issue 20).
case "$selftest" in *"pyqtgraph lean"*) ;; *) say "pyqtgraph was not imported lean in the installed copy"; exit 1 ;; esac
for f in /usr/share/applications/io.github.quill_writer.Quill.desktop \
         /usr/share/metainfo/io.github.quill_writer.Quill.metainfo.xml \
         /usr/share/icons/hicolor/256x256/apps/io.github.quill_writer.Quill.png; do
  [ -f "$f" ] || { say "missing $f"; exit 1; }
done
tested=$(date +%s)

$SUDO apt-get remove -y -qq quill >/dev/null
[ ! -e /opt/quill ] && [ ! -e /usr/bin/quill ] || { say "quill left files behind after removal"; exit 1; }
trap '[ -n "${work:-}" ] && rm -rf "$work"' EXIT
say "ok: build $((built - started)) s, install $((installed - built)) s, tests $((tested - installed)) s, total $(( $(date +%s) - started )) s"
