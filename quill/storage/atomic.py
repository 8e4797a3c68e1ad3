"""Atomic file replacement: a crash at any moment leaves the old file or the new one, never half of one.

Write to a temporary file in the same folder, flush and fsync it, rename it over the
target, then fsync the folder so the rename itself is durable.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from quill.digest import sha256_hex

NAME_MAX_BYTES = 255  # the longest file name most file systems allow, in bytes


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Read once at import, on the main thread: os.umask can only be read by setting it.
UMASK = _current_umask()


class SaveError(OSError):
    """Saving failed; the message is written for the writer, not for a developer."""


class ReplaceGuard:
    """Hooks around the rename, for callers that must not overwrite another program's write."""

    def before_replace(self, path: Path) -> None:
        """Called immediately before the rename; raise to abandon the save (the target is untouched)."""

    def after_replace(self, path: Path) -> None:
        """Called right after the rename."""


def atomic_write_bytes(path: Path, data: bytes, *, verify: bool = True, guard: ReplaceGuard | None = None) -> str:
    """Replace ``path`` with ``data`` atomically. Returns the SHA-256 of what was written.

    Keeps the existing file's permission bits, and its owner and group where the writer may set
    them (root, or a group the writer belongs to); a new file gets the writer's umask (temporary
    files are created 0600). Another hard link to the file keeps the earlier contents: the name
    is replaced, not the file. A symlink is written through: its target is replaced, and the link
    stays a link. The temporary name is short, so a name of any legal length can be saved. Raises
    :class:`SaveError` with a plain explanation when the folder is missing, read-only or full,
    or the file itself is read-only; the target is then untouched.
    """
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.parent
    digest = sha256_hex(data)
    try:
        existing = path.stat()
        mode = existing.st_mode & 0o7777
    except FileNotFoundError:
        existing, mode = None, None
    except OSError as exc:
        raise SaveError(describe_os_error(exc, path)) from exc
    if mode is not None and not may_write(path, mode):
        raise SaveError(read_only_message(path))
    if mode is None:
        mode = 0o666 & ~UMASK
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".quill-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if existing is not None:
            _keep_owner(tmp_name, existing)  # before chmod: a change of owner clears set-id bits
        if mode is not None:
            os.chmod(tmp_name, mode)
        if verify:
            written = Path(tmp_name).read_bytes()
            if len(written) != len(data) or sha256_hex(written) != digest:
                raise SaveError(f"Saving {path.name} did not write what was expected; the old file is untouched.")
        if guard is not None:
            guard.before_replace(path)
        os.replace(tmp_name, path)
        tmp_name = None
        if guard is not None:
            guard.after_replace(path)
        fsync_dir(folder)
    except SaveError:
        raise
    except OSError as exc:
        raise SaveError(describe_os_error(exc, path)) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return digest


def _owner_differs(tmp_name: str, wanted: os.stat_result) -> bool:
    st = os.stat(tmp_name)
    return (st.st_uid, st.st_gid) != (wanted.st_uid, wanted.st_gid)


def _keep_owner(tmp_name: str, wanted: os.stat_result) -> None:
    """Give the new file the old one's owner and group, as far as the writer may: a piece owned
    by someone else (root editing a user's notes, a group-writable shared folder) once became the
    writer's own at the first save. Without that right (not root) the group alone is kept when the
    writer belongs to it; the save goes on either way (the words come first)."""
    if os.name == "nt" or not _owner_differs(tmp_name, wanted):
        return
    for uid, gid in ((wanted.st_uid, wanted.st_gid), (-1, wanted.st_gid)):
        try:
            os.chown(tmp_name, uid, gid)
            return
        except OSError:
            continue


def atomic_create_bytes(path: Path, data: bytes) -> str:
    """Create ``path`` holding ``data`` atomically, refusing (``FileExistsError``) if it exists.

    For imports, which must never replace anything: the data goes to a temporary file first and
    is then hard-linked into place, which fails rather than replaces when the name was taken
    meanwhile. On a file system without hard links (FAT, some network drives) the name is
    claimed with an exclusive create and the complete temporary file renamed over that claim.
    Returns the SHA-256 of what was written; raises :class:`SaveError` on other failures.
    """
    path = Path(path)
    folder = path.parent
    digest = sha256_hex(data)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".quill-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o666 & ~UMASK)
        try:
            os.link(tmp_name, path)
        except FileExistsError:
            raise
        except OSError:  # no hard links here: claim the name exclusively, then fill it atomically
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 & ~UMASK))
            os.replace(tmp_name, path)
            tmp_name = None
        fsync_dir(folder)
    except FileExistsError:
        raise
    except OSError as exc:
        raise SaveError(describe_os_error(exc, path)) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return digest


def _case_only(src: Path, dst: Path) -> bool:
    """``dst`` is ``src`` with another case, on a file system that ignores case: the name ``dst``
    finds ``src`` itself (a hard link would fail as "exists", and nothing else stands there)."""
    if src.parent != dst.parent or src.name == dst.name or src.name.casefold() != dst.name.casefold():
        return False
    try:
        return os.path.samefile(src, dst) and dst.name not in os.listdir(dst.parent)
    except OSError:
        return False


def move_without_replacing(src: Path, dst: Path) -> None:
    """Rename ``src`` to ``dst``, raising ``FileExistsError`` when ``dst`` exists, even a file that
    appeared an instant ago: ``os.rename`` would replace it, and a sync engine's file written just
    then would be gone without a trace. A hard link claims the name (it fails rather than replaces),
    then the old name goes; where there are no hard links (FAT, some network drives) the name is
    checked just before an ordinary rename."""
    import errno

    src, dst = Path(src), Path(dst)
    if _case_only(src, dst):
        os.rename(src, dst)  # the same file under another case (macOS, Windows): nothing is replaced
        fsync_dir(dst.parent)
        return
    try:
        if src.is_symlink():  # a link to a piece moves as a link: no hard link to its target
            raise OSError(errno.EPERM, "a symbolic link")
        os.link(src, dst)
    except FileExistsError:
        raise
    except OSError:
        if os.path.lexists(dst):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(dst)) from None
        os.rename(src, dst)
        return
    try:
        os.unlink(src)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(dst)
        raise
    fsync_dir(dst.parent)


def atomic_write_text(path: Path, text: str, *, encoding: str = "utf-8") -> str:
    return atomic_write_bytes(path, text.encode(encoding))


def fsync_dir(folder: Path) -> None:
    """Make a rename durable. Not possible (nor needed) on Windows."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def may_write(path: Path, mode: int) -> bool:
    """Whether the writer may change the existing file ``path`` (of permission bits ``mode``).

    The bits first, so that root is stopped by a 0444 piece too; then the file's own permission for
    this writer: a rename needs only the folder's, and someone else's 0644 piece in a shared folder
    was once replaced (and became the writer's) although its owner had not let the writer change it."""
    if not mode & 0o222:
        return False
    if os.name == "nt":
        return True
    effective = os.access in os.supports_effective_ids
    return os.access(path, os.W_OK, effective_ids=effective)


def read_only_message(path: Path) -> str:
    return f"{Path(path).name} is read-only, so Quill cannot save into it."


def why_unsaveable(path: Path) -> str | None:
    """Why saving into ``path`` is bound to fail, known before trying: the file is marked
    read-only, or its folder cannot be written (permissions, a read-only disk). The writer is
    told when the piece opens rather than at the first failed save. None when a save may work
    (a full disk only shows when writing)."""
    import errno

    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        return describe_os_error(exc, path)
    if mode is not None and not may_write(path, mode):
        return read_only_message(path)
    folder = path.parent
    if not folder.is_dir() or os.access(folder, os.W_OK | os.X_OK):
        return None  # a missing folder is explained by the save that meets it
    try:
        read_only_disk = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # gone, or no statvfs (Windows)
        read_only_disk = False
    code = errno.EROFS if read_only_disk else errno.EACCES
    return describe_os_error(OSError(code, os.strerror(code)), path)


def describe_os_error(exc: OSError, path: Path) -> str:
    """Turn an OSError into a sentence a writer can act on."""
    import errno

    where = str(Path(path).parent)
    code = exc.errno
    if code == errno.ENOSPC or code == errno.EDQUOT:
        return f"The disk holding {where} is full."
    if code in (errno.EACCES, errno.EPERM):
        return f"Quill is not allowed to write in {where}."
    if code == errno.EROFS:
        return f"{where} is on a read-only disk."
    if code == errno.ENOENT:
        return f"The folder {where} is gone (an unplugged drive or a moved folder?)."
    if code == errno.EISDIR:
        return f"{path} is a folder, not a file."
    return f"Could not write {Path(path).name}: {exc.strerror or exc}."
