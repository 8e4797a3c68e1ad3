#!/usr/bin/env python3
"""One entry point for every packaging task.

    python packaging/build.py icons          # hicolor PNGs, quill.ico and quill.icns from the SVG master
    python packaging/build.py bundle         # PyInstaller one-folder bundle -> build/dist/quill/
    python packaging/build.py deb            # bundle + Debian package -> dist/quill_<version>_<arch>.deb
    python packaging/build.py windows-check  # compile the NSIS script around a stand-in payload (makensis)
    python packaging/build.py windows-installer  # on Windows, after `bundle`: the real installer
    python packaging/build.py macos-check    # Info.plist validity, make-dmg.sh syntax, .icns structure
    python packaging/build.py all            # all of the above that this platform can do

Only the standard library is used here; PyInstaller and Quill's dependencies go into a build venv
(build/venv) created on first use with the running interpreter. Nothing else is downloaded.
Outputs go under build/ and dist/, which git ignores.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import os
import plistlib
import re
import shutil
import struct
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
BUILD = ROOT / "build"
DIST = ROOT / "dist"
BUNDLE = BUILD / "dist" / "quill"
VENV = BUILD / "venv"
ICONS = BUILD / "icons"
APP_ID = "io.github.quill_writer.Quill"
ICON_SVG = ROOT / "resources" / "icons" / f"{APP_ID}.svg"
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
PACKAGE = "quill"
MAINTAINER = "The Quill authors <quill@quill-writer.invalid>"
HOMEPAGE = "https://github.com/quill-writer/quill"

# Needed at run time but not visible to dpkg-shlibdeps (loaded with dlopen, or data): declared by hand.
EXTRA_DEPENDS = [
    "libgl1", "libegl1", "libfontconfig1", "libxkbcommon0", "libxkbcommon-x11-0", "libxcb-cursor0",
    "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0", "libxcb-randr0", "libxcb-render-util0",
    "libxcb-image0", "libxcb-xinerama0", "libdbus-1-3", "libglib2.0-0",
    "fonts-dejavu-core | fonts-liberation2 | fonts-freefont-ttf",
]
RECOMMENDS = ["xdg-utils"]  # "Show library folder" runs xdg-open


def log(message: str) -> None:
    print(f"[build] {message}", flush=True)


def run(cmd: list[str | Path], **kwargs) -> subprocess.CompletedProcess:  # noqa: ANN003
    log("$ " + " ".join(str(c) for c in cmd))
    return subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def version() -> str:
    text = (ROOT / "quill" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__\s*=\s*"([^"]+)"', text).group(1)


def tree_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


# -- build venv ------------------------------------------------------------------------------------
def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv() -> Path:
    python = venv_python()
    if not python.exists():
        run([sys.executable, "-m", "venv", VENV])
    probe = subprocess.run([python, "-c", "import PyInstaller, PySide6, pyqtgraph, numpy, mistune, appdirs, "
                            "markdownify, bs4, spylls"], capture_output=True)
    if probe.returncode != 0:
        deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
        run([python, "-m", "pip", "install", "--disable-pip-version-check", "-q", "pyinstaller>=6.10", *deps])
    return python


# -- icons -----------------------------------------------------------------------------------------
def render_png(size: int, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    if shutil.which("rsvg-convert"):
        run(["rsvg-convert", "-w", str(size), "-h", str(size), ICON_SVG, "-o", out], stdout=subprocess.DEVNULL)
        return
    # Fallback: Qt's own SVG renderer from the build venv (QtSvg ships in PySide6-Essentials).
    script = (
        "import sys\n"
        "from PySide6.QtCore import Qt\nfrom PySide6.QtGui import QGuiApplication, QImage, QPainter\n"
        "from PySide6.QtSvg import QSvgRenderer\n"
        "app = QGuiApplication(['x'])\nsize = int(sys.argv[2])\n"
        "img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)\nimg.fill(Qt.GlobalColor.transparent)\n"
        "p = QPainter(img)\nQSvgRenderer(sys.argv[1]).render(p)\np.end()\nassert img.save(sys.argv[3])\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run([ensure_venv(), "-c", script, ICON_SVG, str(size), out], env=env)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def write_ico(pngs: dict[int, bytes], out: Path) -> None:
    """A Windows .ico holding PNG images (supported since Vista)."""
    sizes = [s for s in (16, 24, 32, 48, 64, 128, 256) if s in pngs]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        data = pngs[size]
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(blobs))
        blobs += data
    out.write_bytes(header + entries + blobs)


ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def write_icns(pngs: dict[int, bytes], out: Path) -> None:
    """A macOS .icns with PNG-compressed members (what iconutil writes since 10.7)."""
    body = b""
    for size, kind in ICNS_TYPES.items():
        if size in pngs:
            body += kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
    out.write_bytes(b"icns" + struct.pack(">I", 8 + len(body)) + body)


def read_icns(path: Path) -> dict[bytes, bytes]:
    data = path.read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data), "bad icns header"
    members, pos = {}, 8
    while pos < len(data):
        kind, length = data[pos:pos + 4], struct.unpack(">I", data[pos + 4:pos + 8])[0]
        members[kind] = data[pos + 8:pos + length]
        pos += length
    return members


def build_icons() -> Path:
    pngs: dict[int, bytes] = {}
    for size in HICOLOR_SIZES:
        out = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        if not out.exists() or out.stat().st_mtime < ICON_SVG.stat().st_mtime:
            render_png(size, out)
        pngs[size] = out.read_bytes()
        assert png_size(pngs[size]) == (size, size), f"{out} is not {size}x{size}"
    write_ico(pngs, ICONS / "quill.ico")
    write_icns(pngs, ICONS / "quill.icns")
    log(f"icons: {len(pngs)} hicolor sizes, quill.ico, quill.icns in {ICONS.relative_to(ROOT)}")
    return ICONS


# -- bundle ----------------------------------------------------------------------------------------
def build_bundle() -> Path:
    started = time.monotonic()
    python = ensure_venv()
    build_icons()
    run([python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", BUILD / "dist", "--workpath", BUILD / "pyinstaller", PACKAGING / "quill.spec"], cwd=ROOT)
    if sys.platform == "linux" and shutil.which("strip"):
        strip_python_debug_info(BUNDLE / "_internal")
    size = tree_size(BUNDLE)
    log(f"bundle: {BUNDLE.relative_to(ROOT)} {size / 1e6:.1f} MB unpacked, built in {time.monotonic() - started:.0f} s")
    return BUNDLE


def strip_python_debug_info(internal: Path) -> None:
    """The interpreter built from source carries debug info (~20 MB); drop only that, and only from
    Python's own libraries. Wheels' libraries (Qt, numpy's OpenBLAS) are left exactly as shipped."""
    targets = [*internal.glob("libpython3*.so*"), *(internal / f"python{sys.version_info[0]}.{sys.version_info[1]}"
                                                    / "lib-dynload").glob("*.so")]
    targets = [t for t in targets if t.is_file() and not t.is_symlink()]
    if targets:
        run(["strip", "--strip-debug", *targets])


# -- Debian package ---------------------------------------------------------------------------------
def deb_arch() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()


def is_elf(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(4) == b"\x7fELF"


def shlib_depends(root: Path) -> list[str]:
    """Depends computed from every ELF file in the bundle by dpkg-shlibdeps (libc6 floor included)."""
    elves = [p for p in (root / "opt" / PACKAGE).rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p)]
    work = BUILD / "shlibdeps"
    shutil.rmtree(work, ignore_errors=True)
    (work / "debian").mkdir(parents=True)
    (work / "debian" / "control").write_text(f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n")
    private = sorted({str(p.parent) for p in elves if ".so" in p.name})
    cmd = ["dpkg-shlibdeps", "-O", "--ignore-missing-info", "--warnings=0", *[f"-l{d}" for d in private],
           *[str(p) for p in elves]]
    out = subprocess.run(cmd, cwd=work, capture_output=True, text=True, check=True).stdout
    match = re.search(r"shlibs:Depends=(.*)", out)
    return [d.strip() for d in match.group(1).split(",")] if match else []


def glibc_floor(root: Path) -> str:
    """The highest GLIBC_x.y symbol version any bundled ELF file needs: the bundle's true glibc floor."""
    best = (2, 0)
    for path in (root / "opt" / PACKAGE).rglob("*"):
        if path.is_file() and not path.is_symlink() and is_elf(path):
            for major, minor in re.findall(rb"GLIBC_(\d+)\.(\d+)", path.read_bytes()):
                best = max(best, (int(major), int(minor)))
    return f"{best[0]}.{best[1]}"


def write_gz(path: Path, text: str) -> None:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    path.write_bytes(buf.getvalue())


def build_deb(rebuild_bundle: bool = True) -> Path:
    started = time.monotonic()
    if rebuild_bundle or not (BUNDLE / "quill").exists():
        build_bundle()
    build_icons()
    ver, arch = version(), deb_arch()
    root = BUILD / "deb" / "root"
    shutil.rmtree(root.parent, ignore_errors=True)
    opt = root / "opt" / PACKAGE
    shutil.copytree(BUNDLE, opt, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "quill").symlink_to(f"/opt/{PACKAGE}/quill")
    share = root / "usr" / "share"
    desktop = ROOT / "resources" / "desktop"
    (share / "applications").mkdir(parents=True)
    shutil.copy2(desktop / f"{APP_ID}.desktop", share / "applications")
    (share / "metainfo").mkdir(parents=True)
    shutil.copy2(desktop / f"{APP_ID}.metainfo.xml", share / "metainfo")
    for png in (ICONS / "hicolor").rglob("*.png"):
        target = share / "icons" / png.relative_to(ICONS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(png, target)
    (share / "icons" / "hicolor" / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(ICON_SVG, share / "icons" / "hicolor" / "scalable" / "apps")
    doc = share / "doc" / PACKAGE
    doc.mkdir(parents=True)
    shutil.copy2(PACKAGING / "debian" / "copyright", doc / "copyright")
    changelog = (PACKAGING / "debian" / "changelog").read_text(encoding="utf-8")
    if not changelog.startswith(f"{PACKAGE} ({ver})"):
        raise SystemExit(f"packaging/debian/changelog does not start with version {ver}: add an entry")
    write_gz(doc / "changelog.gz", changelog)
    (share / "man" / "man1").mkdir(parents=True)
    write_gz(share / "man" / "man1" / "quill.1.gz", (PACKAGING / "debian" / "quill.1").read_text(encoding="utf-8"))
    (share / "lintian" / "overrides").mkdir(parents=True)
    shutil.copy2(PACKAGING / "debian" / "lintian-overrides", share / "lintian" / "overrides" / PACKAGE)

    # Permissions as Debian policy wants them: executables 0755, shared objects and data 0644.
    for path in root.rglob("*"):
        if path.is_symlink():
            continue
        if path.is_dir() or (is_elf(path) and ".so" not in path.name):
            path.chmod(0o755)
        else:
            path.chmod(0o644)
    (opt / "quill").chmod(0o755)

    floor = glibc_floor(root)
    computed = shlib_depends(root)
    depends = [d for d in computed if not d.startswith("libc6")] + [f"libc6 (>= {floor})"]
    for extra in EXTRA_DEPENDS:
        if extra.split()[0] not in {d.split()[0] for d in depends}:
            depends.append(extra)
    installed_kb = (tree_size(root) + 1023) // 1024
    control = root / "DEBIAN"
    control.mkdir()
    (control / "control").write_text(
        f"Package: {PACKAGE}\nVersion: {ver}\nArchitecture: {arch}\nMaintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kb}\nDepends: {', '.join(depends)}\nRecommends: {', '.join(RECOMMENDS)}\n"
        f"Section: editors\nPriority: optional\nHomepage: {HOMEPAGE}\n"
        "Description: quiet, full-screen markdown writing app\n"
        " Quill is a full-screen place to write for people who write to think. It\n"
        " never completes, corrects or suggests: what you type is exactly what lands\n"
        " on the page. Drafts are saved continuously as plain markdown files.\n"
        " .\n"
        " This package carries its own Python, Qt and numpy under /opt/quill.\n",
        encoding="utf-8")
    sums = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and "DEBIAN" not in path.relative_to(root).parts:
            sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {path.relative_to(root).as_posix()}")
    (control / "md5sums").write_text("\n".join(sums) + "\n")
    for name in ("control", "md5sums"):
        (control / name).chmod(0o644)
    DIST.mkdir(exist_ok=True)
    out = DIST / f"{PACKAGE}_{ver}_{arch}.deb"
    run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z9", "--build", root, out], stdout=subprocess.DEVNULL)
    log(f"deb: {out.relative_to(ROOT)} {out.stat().st_size / 1e6:.1f} MB (installed {installed_kb / 1000:.0f} MB), "
        f"glibc floor {floor}, built in {time.monotonic() - started:.0f} s")
    log("Depends: " + ", ".join(depends))
    validate_deb(out)
    return out


def validate_deb(deb: Path) -> None:
    desktop = ROOT / "resources" / "desktop"
    if shutil.which("desktop-file-validate"):
        run(["desktop-file-validate", desktop / f"{APP_ID}.desktop"])
    else:
        log("desktop-file-validate not found (apt-get install desktop-file-utils): skipped")
    if shutil.which("appstreamcli"):
        run(["appstreamcli", "validate", "--no-net", desktop / f"{APP_ID}.metainfo.xml"])
    else:
        log("appstreamcli not found (apt-get install appstream): skipped")
    if shutil.which("lintian"):
        # --fail-on error: warnings are reported but only errors fail the build.
        run(["lintian", "--fail-on", "error", deb])
    else:
        log("lintian not found (apt-get install lintian): skipped")


# -- Windows ---------------------------------------------------------------------------------------
def windows_check() -> Path:
    """Compile the NSIS script around a stand-in payload: proves the script is valid here."""
    makensis = shutil.which("makensis")
    if not makensis:
        raise SystemExit("makensis not found: apt-get install nsis")
    build_icons()
    payload = BUILD / "windows-standin" / "quill"
    shutil.rmtree(payload.parent, ignore_errors=True)
    (payload / "_internal").mkdir(parents=True)
    (payload / "quill.exe").write_bytes(b"MZ stand-in for the PyInstaller executable\n")
    (payload / "_internal" / "README.txt").write_text("Stand-in payload for windows-check.\n")
    out = DIST / f"quill-{version()}-setup-standin.exe"
    return compile_nsis(payload, out)


def compile_nsis(payload: Path, out: Path) -> Path:
    DIST.mkdir(exist_ok=True)
    run(["makensis", "-V2", "-WX", f"-DVERSION={version()}", f"-DPAYLOAD={payload}", f"-DICON={ICONS / 'quill.ico'}",
         f"-DOUTFILE={out}", PACKAGING / "windows" / "quill.nsi"])
    log(f"windows: {out.relative_to(ROOT)} {out.stat().st_size / 1e3:.0f} kB")
    return out


def windows_installer() -> Path:
    if not (BUNDLE / "quill.exe").exists():
        build_bundle()
    return compile_nsis(BUNDLE, DIST / f"quill-{version()}-setup.exe")


# -- macOS -----------------------------------------------------------------------------------------
def macos_check() -> None:
    info = plistlib.loads((PACKAGING / "macos" / "Info.plist").read_bytes())
    for key in ("CFBundleIdentifier", "CFBundleName", "CFBundleExecutable", "CFBundleIconFile",
                "CFBundleDocumentTypes", "LSMinimumSystemVersion", "NSHighResolutionCapable"):
        if key not in info:
            raise SystemExit(f"Info.plist lacks {key}")
    if info["CFBundleIdentifier"] != APP_ID:
        raise SystemExit(f"Info.plist CFBundleIdentifier is {info['CFBundleIdentifier']}, not {APP_ID}")
    types = info["CFBundleDocumentTypes"]
    if not any("net.daringfireball.markdown" in t.get("LSItemContentTypes", []) for t in types):
        raise SystemExit("Info.plist declares no markdown document type")
    run(["bash", "-n", PACKAGING / "macos" / "make-dmg.sh"])
    build_icons()
    members = read_icns(ICONS / "quill.icns")
    for data in members.values():
        png_size(data)
    log(f"macos: Info.plist valid ({len(info)} keys), make-dmg.sh parses, quill.icns has {len(members)} images")


# -- main ------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("task", choices=["icons", "bundle", "deb", "windows-check", "windows-installer",
                                         "macos-check", "all"])
    parser.add_argument("--reuse-bundle", action="store_true", help="deb: package build/dist/quill as it is")
    args = parser.parse_args(argv)
    started = time.monotonic()
    if args.task == "icons":
        build_icons()
    elif args.task == "bundle":
        build_bundle()
    elif args.task == "deb":
        build_deb(rebuild_bundle=not args.reuse_bundle)
    elif args.task == "windows-check":
        windows_check()
    elif args.task == "windows-installer":
        windows_installer()
    elif args.task == "macos-check":
        macos_check()
    elif args.task == "all":
        macos_check()
        if shutil.which("makensis"):
            windows_check()
        if sys.platform == "linux":
            build_deb()
        else:
            build_bundle()
    log(f"done: {args.task} in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
