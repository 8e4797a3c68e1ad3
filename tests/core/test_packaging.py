"""The package ships every module and every resource it needs."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_subpackage_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "quill").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_resources_are_found_and_the_font_license_ships():
    from quill.resources import resource_path

    fonts = resource_path("fonts")
    assert sorted(p.name for p in fonts.glob("*.ttf"))[0].startswith("Literata")
    assert "SIL Open Font License" in (fonts / "OFL-Literata.txt").read_text(encoding="utf-8")
