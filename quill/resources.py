"""Find files shipped in ``resources/`` whether Quill runs from a source tree, a wheel or a bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """The folder holding fonts, lexicons, model weights and themes.

    Installed, it is the ``quill.resources`` package (mapped from the top-level
    ``resources/`` by pyproject); in a checkout it is ``resources/`` beside ``quill/``;
    in a frozen bundle it sits next to the executable's data.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen_root:
        candidates.append(Path(frozen_root) / "quill" / "resources")
    here = Path(__file__).resolve().parent
    candidates += [here.parent / "resources", here / "resources"]
    try:
        from importlib.resources import files

        candidates.append(Path(str(files("quill.resources"))))
    except (ModuleNotFoundError, TypeError):
        pass
    for candidate in candidates:
        if (candidate / "fonts").is_dir():
            return candidate
    raise FileNotFoundError("Quill's resources folder is missing; the installation is incomplete.")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
