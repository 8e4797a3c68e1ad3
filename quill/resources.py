"""Find files shipped in ``resources/`` whether Quill runs from a source tree, a wheel or a bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """The folder holding fonts, lexicons, model weights and themes.

    Installed, it is the ``quill/_resources`` data folder (mapped from the top-level
    ``resources/`` by setup.py); in a checkout it is ``resources/`` beside ``quill/``;
    in a frozen bundle it sits next to the executable's data.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen_root:
        candidates.append(Path(frozen_root) / "quill" / "_resources")
    here = Path(__file__).resolve().parent
    candidates += [here / "_resources", here.parent / "resources"]
    for candidate in candidates:
        if (candidate / "fonts").is_dir():
            return candidate
    raise FileNotFoundError("Quill's resources folder is missing; the installation is incomplete.")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
