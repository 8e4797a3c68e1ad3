"""Where Hunspell dictionaries (``xx_YY.aff`` + ``xx_YY.dic``) are found, and which one a piece uses.

Three places, in this order: the ``dictionaries`` folder in Quill's data folder (a writer drops
LibreOffice or Debian dictionaries there, and they win), the English dictionaries shipped inside
Quill (so it works offline with nothing installed), then the system's folders. The shipped ones
come before the system's because they are the ones Quill is tested with; a writer who prefers
the system's copy can put it in the data folder.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from quill.resources import resource_path

#: Where Linux distributions, LibreOffice and Homebrew put Hunspell dictionaries.
SYSTEM_FOLDERS = (
    "/usr/share/hunspell",
    "/usr/share/myspell",
    "/usr/share/myspell/dicts",
    "/usr/local/share/hunspell",
    "/opt/homebrew/share/hunspell",
    "/Library/Spelling",
)

DEFAULT_LANG = "en_US"

#: English regions that spell the British way (colour, organise, centre): a writer whose system
#: says en-AU gets the shipped en_GB dictionary, not en_US, when no dictionary of their own region exists.
_BRITISH_SPELLING_REGIONS = frozenset({
    "GB", "IE", "AU", "NZ", "ZA", "IN", "SG", "HK", "MT", "CY", "NG", "KE", "GH", "UG", "TZ", "ZM", "ZW", "BW",
    "PK", "BD", "LK", "MY", "JM", "TT"})

_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}|\d{3}))?$")


@dataclass(frozen=True)
class DictionaryInfo:
    """One dictionary: its language code (``en_GB``), the path without suffix, and where it came from."""

    lang: str
    stem: Path
    origin: str  # "yours", "shipped" or "system"


def normalize_lang(value: str | None) -> str | None:
    """``en-GB``, ``en_gb`` and ``EN-gb`` all mean ``en_GB``; None when it is no language code."""
    if not value or not isinstance(value, str):
        return None
    match = _LANG.match(value.strip())
    if not match:
        return None
    lang, region = match.group(1).lower(), match.group(2)
    return f"{lang}_{region.upper()}" if region else lang


def shipped_folder() -> Path:
    return resource_path("dictionaries")


def system_folders() -> list[Path]:
    folders = [Path(p) for p in SYSTEM_FOLDERS]
    extra = os.environ.get("DICPATH")  # Hunspell's own variable
    if extra:
        folders = [Path(p) for p in extra.split(os.pathsep) if p] + folders
    if sys.platform.startswith("win"):
        folders = []  # no standard place; the data folder and the shipped ones serve
    return folders


def available_dictionaries(user_folder: Path | None, *, include_system: bool = True) -> dict[str, DictionaryInfo]:
    """Every usable dictionary by language code; the first place that has a language wins."""
    found: dict[str, DictionaryInfo] = {}
    places: list[tuple[Path, str]] = []
    if user_folder is not None:
        places.append((user_folder, "yours"))
    places.append((shipped_folder(), "shipped"))
    if include_system:
        places += [(folder, "system") for folder in system_folders()]
    for folder, origin in places:
        try:
            names = sorted(p.name for p in folder.iterdir() if p.suffix == ".dic")
        except OSError:
            continue
        for name in names:
            stem = folder / name[:-4]
            lang = normalize_lang(stem.name)
            if lang is None or lang in found:
                continue
            if stem.with_suffix(".aff").is_file():
                found[lang] = DictionaryInfo(lang, stem, origin)
    return found


def find_dictionary(lang: str | None, user_folder: Path | None) -> DictionaryInfo | None:
    """The dictionary for ``lang`` (``en-GB``); a bare ``en`` or an unknown region falls back to any
    dictionary of that language, preferring the default's region."""
    wanted = normalize_lang(lang) or DEFAULT_LANG
    found = available_dictionaries(user_folder)
    if wanted in found:
        return found[wanted]
    base = wanted.split("_")[0]
    if base in found:
        return found[base]
    same_language = sorted(code for code in found if code.split("_")[0] == base)
    if DEFAULT_LANG in same_language:
        return found[DEFAULT_LANG]
    return found[same_language[0]] if same_language else None


def system_default_language(system_locale: str | None, available: dict[str, DictionaryInfo]) -> str:
    """The spelling language of a writer who never chose one: their system's, when Quill has a
    dictionary for that language, else ``DEFAULT_LANG``.

    A British writer (``en_GB``) had "harbour" underlined until they found the setting. A system
    language without any dictionary (``fr_FR`` with none installed) keeps ``DEFAULT_LANG``, as before:
    not checking at all, or a notice on every start, would be worse for the many who write English
    on such a system. English regions without a dictionary of their own follow the British or the
    American spelling they use."""
    wanted = normalize_lang(system_locale)
    if wanted is None:
        return DEFAULT_LANG
    if wanted in available:
        return wanted
    base, _, region = wanted.partition("_")
    if base == "en":
        british = region in _BRITISH_SPELLING_REGIONS and "en_GB" in available
        return "en_GB" if british else DEFAULT_LANG
    if any(code.split("_")[0] == base for code in available):
        return wanted  # find_dictionary picks the language's nearest dictionary
    return DEFAULT_LANG
