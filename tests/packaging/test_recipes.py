"""Fast checks of the packaging recipes (no build): spec, desktop entry, metainfo, NSIS, Info.plist, scripts.

The slow build and install run in packaging/ci-install-test.sh and packaging/minimal-system-test.sh.
"""

from __future__ import annotations

import configparser
import importlib.util
import plistlib
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.quill_writer.Quill"


def load_build():  # noqa: ANN201
    spec = importlib.util.spec_from_file_location("quill_packaging_build", PACKAGING / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_spec_ships_resources_and_keeps_what_pyqtgraph_loads() -> None:
    spec = (PACKAGING / "quill.spec").read_text(encoding="utf-8")
    assert '"quill/_resources"' in spec
    for module in ("PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtSvg"):
        assert f'"{module}"' in spec
    assert "strip=False" in spec and "upx=False" in spec  # numpy's OpenBLAS must stay as shipped
    excludes = re.search(r"excludes = \[(.*?)\]", spec, re.S).group(1)
    for dropped in ("PySide6.QtQml", "PySide6.QtQuick"):
        assert f'"{dropped}"' in excludes
    for kept in ("QtOpenGL", "QtNetwork", "QtSvg\"", "QtWidgets"):
        assert f"PySide6.{kept}" not in excludes


def test_spec_drop_patterns_keep_english_and_needed_plugins() -> None:
    spec = (PACKAGING / "quill.spec").read_text(encoding="utf-8")
    block = re.search(r"DROP = \[(.*?)\n\]", spec, re.S).group(1)
    drop = re.compile("|".join(eval("[" + block + "\n]")))  # noqa: S307 - our own literal list of raw strings
    kept = ["/PySide6/Qt/translations/qtbase_en.qm", "/PySide6/Qt/plugins/platforms/libqxcb.so",
            "/PySide6/Qt/plugins/platforms/libqwayland.so", "/PySide6/Qt/plugins/platforms/libqoffscreen.so",
            "/PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", "/PySide6/Qt/lib/libQt6OpenGL.so.6",
            "/PySide6/Qt/lib/libQt6OpenGLWidgets.so.6", "/numpy.libs/libscipy_openblas64_-32a4b2a6.so",
            "/PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so"]
    dropped = ["/PySide6/Qt/translations/qtbase_de.qm", "/PySide6/Qt/plugins/platformthemes/libqgtk3.so",
               "/PySide6/Qt/plugins/tls/libqopensslbackend.so", "/PySide6/Qt/plugins/platforms/libqeglfs.so",
               "/PySide6/Qt/lib/libQt6Quick.so.6", "/PySide6/Qt/lib/libQt6Qml.so.6"]
    assert [p for p in kept if drop.search(p)] == []
    assert [p for p in dropped if not drop.search(p)] == []


def test_desktop_entry() -> None:
    path = ROOT / "resources" / "desktop" / f"{APP_ID}.desktop"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(path, encoding="utf-8")
    de = entry["Desktop Entry"]
    assert de["Type"] == "Application" and de["Icon"] == APP_ID
    assert de["Exec"].split()[0] == "quill" and "%f" in de["Exec"]
    assert "text/markdown" in de["MimeType"].split(";")
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(path)], check=True)


def test_metainfo() -> None:
    path = ROOT / "resources" / "desktop" / f"{APP_ID}.metainfo.xml"
    root = ET.parse(path).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    assert root.find("provides/mediatype").text == "text/markdown"
    from quill import __version__

    assert root.find("releases/release").get("version") == __version__


def test_icon_master_is_square_svg() -> None:
    root = ET.parse(ROOT / "resources" / "icons" / f"{APP_ID}.svg").getroot()
    assert root.get("viewBox") == "0 0 512 512"


def test_ico_and_icns_writers(tmp_path: Path) -> None:
    build = load_build()
    png = b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + struct.pack(">II", 16, 16) + b"rest"
    build.write_icns({16: png, 32: png}, tmp_path / "q.icns")
    assert build.read_icns(tmp_path / "q.icns") == {b"icp4": png, b"icp5": png}
    build.write_ico({16: png}, tmp_path / "q.ico")
    data = (tmp_path / "q.ico").read_bytes()
    assert struct.unpack("<HHH", data[:6]) == (0, 1, 1) and data.endswith(png)


def test_debian_changelog_matches_version() -> None:
    from quill import __version__

    first = (PACKAGING / "debian" / "changelog").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(f"quill ({__version__})")


def test_nsis_script_has_required_parts() -> None:
    nsi = (PACKAGING / "windows" / "quill.nsi").read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in nsi  # per-user, no admin
    assert "$LOCALAPPDATA\\Programs" in nsi
    assert "$SMPROGRAMS" in nsi and "CreateShortcut" in nsi
    assert "Software\\Classes\\.md\\OpenWithProgids" in nsi
    assert "WriteUninstaller" in nsi and 'Section "Uninstall"' in nsi
    assert 'ReadRegStr $0 HKCU "${UNINSTKEY}" "InstallLocation"' in nsi  # upgrade in place
    assert "HKLM" not in nsi


@pytest.mark.skipif(not shutil.which("makensis"), reason="makensis (Debian package nsis) is not installed")
def test_nsis_script_compiles(tmp_path: Path) -> None:
    payload = tmp_path / "quill"
    (payload / "_internal").mkdir(parents=True)
    (payload / "quill.exe").write_bytes(b"MZ stand-in")
    out = tmp_path / "quill-0.1.0-installer.exe"
    subprocess.run(["makensis", "-V1", "-WX", "-DVERSION=0.1.0", f"-DPAYLOAD={payload}", f"-DOUTFILE={out}",
                    str(PACKAGING / "windows" / "quill.nsi")], check=True)
    assert out.stat().st_size > 10_000


def test_info_plist_declares_markdown() -> None:
    info = plistlib.loads((PACKAGING / "macos" / "Info.plist").read_bytes())
    assert info["CFBundleIdentifier"] == APP_ID
    doc_type = info["CFBundleDocumentTypes"][0]
    assert "net.daringfireball.markdown" in doc_type["LSItemContentTypes"]
    assert "md" in doc_type["CFBundleTypeExtensions"]
    assert info["CFBundleIconFile"].endswith(".icns")


@pytest.mark.parametrize("script", ["ci-install-test.sh", "minimal-system-test.sh", "macos/make-dmg.sh"])
def test_shell_scripts_parse(script: str) -> None:
    subprocess.run(["bash", "-n", str(PACKAGING / script)], check=True)


def test_release_workflow_builds_three_platforms() -> None:
    text = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    for runner in ("ubuntu-", "windows-", "macos-"):
        assert runner in text
    for command in ("build.py deb", "build.py windows-installer", "make-dmg.sh"):
        assert command in text
