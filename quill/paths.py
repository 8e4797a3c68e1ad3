"""Where Quill keeps things: the only module that knows about appdirs.

The writer's library is theirs and lives somewhere visible (Documents/Quill);
Quill's own files (settings, state, index, journal, logs) live in the platform's
application directories, or all under ``QUILL_HOME`` for tests and portable use.
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "Quill"
APP_AUTHOR = "Quill"


@dataclass(frozen=True)
class AppDirs:
    """Quill's own folders. Created lazily by :meth:`ensure`."""

    config: Path
    data: Path
    cache: Path
    log: Path

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def state_file(self) -> Path:
        return self.data / "state.json"

    @property
    def dictionaries_dir(self) -> Path:
        """Hunspell dictionaries the writer dropped in (``xx_YY.aff`` + ``.dic``): they win over Quill's own."""
        return self.data / "dictionaries"

    @property
    def personal_dictionary(self) -> Path:
        """The writer's own words, one a line ("Add to dictionary")."""
        return self.data / "dictionary.txt"

    @property
    def journal_dir(self) -> Path:
        return self.data / "journal"

    def ensure(self) -> AppDirs:
        for folder in (self.config, self.data, self.cache, self.log):
            folder.mkdir(parents=True, exist_ok=True)
            mark_own_folder(folder)
        return self


#: A file in each of Quill's own folders: a library that contains them (QUILL_HOME on the same
#: stick as the writing) never lists Quill's snapshots, journals or caches as pieces.
OWN_FOLDER_MARKER = ".quill-own-folder"


def mark_own_folder(folder: Path) -> None:
    marker = folder / OWN_FOLDER_MARKER
    if marker.exists():
        return
    # a read-only home still works; only the library walk loses this hint
    with contextlib.suppress(OSError):
        marker.write_text("Quill keeps its own data here (snapshots, journals, caches), not pieces.\n",
                          encoding="utf-8")


def app_dirs(environ: os._Environ[str] | dict[str, str] | None = None) -> AppDirs:
    """Resolve Quill's folders, honouring ``QUILL_HOME``."""
    env = os.environ if environ is None else environ
    home = env.get("QUILL_HOME")
    if home:
        root = Path(home).expanduser()
        return AppDirs(root / "config", root / "data", root / "cache", root / "log")
    import appdirs

    return AppDirs(
        Path(appdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        Path(appdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        Path(appdirs.user_cache_dir(APP_NAME, APP_AUTHOR)),
        Path(appdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
    )


def usable_app_dirs(environ: os._Environ[str] | dict[str, str] | None = None) -> tuple[AppDirs, str | None]:
    """Quill's folders, created; and a notice when they cannot be.

    When Quill's own folder cannot be made (``QUILL_HOME`` is a file, a read-only disk, no
    permission), the window must still open and the writer's words must still be journaled: Quill
    keeps its own files for the time being in a folder of its own under the system's temporary
    folder (the same one at each start, so a journal left there by a crash is recovered), never
    writes anything where it was refused, and says so.
    """
    dirs = app_dirs(environ)
    try:
        return dirs.ensure(), None
    except OSError as exc:
        import hashlib
        import tempfile

        user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
        digest = hashlib.sha1(os.fsencode(str(dirs.data))).hexdigest()[:12]  # noqa: S324 - a folder name
        root = Path(tempfile.gettempdir()) / f"quill-{user}-{digest}"
        fallback = AppDirs(root / "config", root / "data", root / "cache", root / "log")
        fallback.ensure()  # if even this fails, there is nowhere to keep a journal: let it be said
        where = exc.filename or dirs.data
        notice = (f"Quill could not use its own folder {where} ({exc.strerror or exc}), so your settings "
                  f"were not read and nothing was written there. Until that is fixed, Quill keeps its "
                  f"recovery journal and settings in {root}. Your pieces are saved where they are, as always.")
        return fallback, notice


def documents_dir(environ: os._Environ[str] | dict[str, str] | None = None) -> Path | None:
    """The user's documents folder, or None when the platform does not name one."""
    env = os.environ if environ is None else environ
    if sys.platform.startswith("win") or sys.platform == "darwin":
        candidate = Path.home() / "Documents"
        return candidate if candidate.is_dir() else None
    configured = env.get("XDG_DOCUMENTS_DIR")
    if configured:
        return Path(os.path.expandvars(configured)).expanduser()
    return _xdg_user_dir("DOCUMENTS", env)


def _xdg_user_dir(name: str, env: os._Environ[str] | dict[str, str]) -> Path | None:
    """Read ``XDG_<name>_DIR`` from user-dirs.dirs (what ``xdg-user-dir`` does), without a subprocess."""
    config_home = Path(env.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    dirs_file = config_home / "user-dirs.dirs"
    try:
        lines = dirs_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    key = f"XDG_{name}_DIR="
    for line in lines:
        line = line.strip()
        if line.startswith(key):
            value = line[len(key):].strip().strip('"')
            value = value.replace("$HOME", str(Path.home()))
            path = Path(value)
            # xdg-user-dirs points a disabled entry at $HOME itself; that is not a documents folder.
            if path != Path.home():
                return path
            return None
    fallback = Path.home() / "Documents"
    return fallback if fallback.is_dir() else None


def default_library_dir(environ: os._Environ[str] | dict[str, str] | None = None) -> Path:
    """The visible ``Quill`` folder in Documents, else under the user data dir."""
    env = os.environ if environ is None else environ
    if env.get("QUILL_LIBRARY"):
        return Path(env["QUILL_LIBRARY"]).expanduser()
    docs = documents_dir(env)
    if docs is not None:
        return docs / APP_NAME
    return app_dirs(env).data / "library"


def spelled_within(path: Path, root: Path) -> Path:
    """``path`` spelled from ``root`` when it is a file inside it however it was reached: a library
    reached through a symlink (Documents linked elsewhere, a synced folder) and a piece opened by
    its real path were two spellings of one file, and the library's index, its versions and the
    history each took it for a file outside the library (every save said it had failed)."""
    path, root = Path(path), Path(root).absolute()
    try:
        path.absolute().relative_to(root)
        return path  # already spelled from the root
    except ValueError:
        pass
    try:
        inside = path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):  # outside, or a link loop
        return path
    return root.joinpath(inside)


def reveal_in_file_manager(path: Path) -> bool:
    """Open a folder in the system's file manager; used by "Show library folder"."""
    import subprocess  # not at start-up: only this needs it

    try:
        if sys.platform.startswith("win"):
            os.startfile(str(path))  # type: ignore[attr-defined]  # noqa: S606
        elif sys.platform == "darwin":
            subprocess.Popen(["open", str(path)])
        else:
            subprocess.Popen(["xdg-open", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        return False
    return True
