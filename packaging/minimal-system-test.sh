#!/usr/bin/env bash
# Prove the .deb's declared Depends are enough: install it into a minimal Debian (debootstrap
# --variant=minbase) with apt, which pulls only what the package declares, and run the installed
# app's --version and --self-test there. Needs root, debootstrap and network access to the Debian mirror.
#
#   packaging/minimal-system-test.sh [dist/quill_X_amd64.deb] [suite]   # suite defaults to bookworm
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEB="${1:-$(ls "$ROOT"/dist/quill_*.deb | tail -n 1)}"
SUITE="${2:-bookworm}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
TARGET="${TARGET:-$ROOT/build/minroot-$SUITE}"
say() { echo "[minimal-system-test] $*"; }
started=$(date +%s)

command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
if [ ! -x "$TARGET/usr/bin/apt-get" ]; then
  say "debootstrap --variant=minbase $SUITE into $TARGET"
  debootstrap --variant=minbase "$SUITE" "$TARGET" "$MIRROR" >/dev/null
fi
mounted=""
cleanup() { for m in $mounted; do umount -l "$m" 2>/dev/null || true; done; }
trap cleanup EXIT
for fs in proc dev dev/pts; do
  mountpoint -q "$TARGET/$fs" || { mount --bind "/$fs" "$TARGET/$fs"; mounted="$TARGET/$fs $mounted"; }
done
cp /etc/resolv.conf "$TARGET/etc/resolv.conf" 2>/dev/null || true
before=$(chroot "$TARGET" dpkg-query -W -f '${Package}\n' | sort)
cp "$DEB" "$TARGET/tmp/quill.deb"
chroot "$TARGET" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
chroot "$TARGET" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  /tmp/quill.deb >/dev/null
after=$(chroot "$TARGET" dpkg-query -W -f '${Package}\n' | sort)
added=$(comm -13 <(echo "$before") <(echo "$after") | wc -l)
say "apt installed quill and $((added - 1)) packages it declares or they need (no Recommends)"

inroot() { chroot "$TARGET" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/tmp LANG=C.UTF-8 "$@"; }
say "$(inroot quill --version)"
result=$(inroot sh -c 'cd / && quill --self-test')
say "$result"
case "$result" in "quill self-test: ok"*) ;; *) exit 1 ;; esac
# With an X server on the host (DISPLAY=:N), also run on the real xcb platform plugin.
if [ -n "${DISPLAY:-}" ] && [ -d /tmp/.X11-unix ]; then
  mkdir -p "$TARGET/tmp/.X11-unix"
  mountpoint -q "$TARGET/tmp/.X11-unix" || { mount --bind /tmp/.X11-unix "$TARGET/tmp/.X11-unix"; mounted="$TARGET/tmp/.X11-unix $mounted"; }
  result=$(inroot sh -c "cd / && DISPLAY=$DISPLAY QT_QPA_PLATFORM=xcb quill --self-test")
  say "on X11 ($DISPLAY): $result"
  case "$result" in "quill self-test: ok"*) ;; *) exit 1 ;; esac
fi
chroot "$TARGET" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq quill >/dev/null
say "ok in $(( $(date +%s) - started )) s (python3 in the root: $(chroot "$TARGET" sh -c 'command -v python3 || echo none'))"
