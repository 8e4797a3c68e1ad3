"""The writer's session history: its own SQLite database in Quill's data folder.

``app_dirs().data / "sessions.sqlite3"`` — deliberately *not* the library's index (that one
lives in the cache folder and is rebuilt from the files; deleting it must lose nothing,
while sessions are years of history that exist nowhere else).

* WAL mode, ``synchronous=FULL``: every flush (at least once a minute) is durable.
* A ``meta`` table holds the schema version and the writer's goal settings.
* A damaged or foreign file is never deleted: it is renamed aside
  (``sessions.sqlite3.damaged-YYYYmmdd-HHMMSS``) and a fresh database is started; :attr:`notice`
  then carries one plain sentence for the UI or the command line to show.

Times are Unix seconds (UTC) with the UTC offset in force when the session started, so
a session's local day stays what the writer lived even after travelling.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from quill.fsnames import path_from_db, path_to_db, shown
from quill.sessions.words import TALLY_FIELDS, Tally

SCHEMA_VERSION = 1
FILE_NAME = "sessions.sqlite3"

#: appended to a deleted piece's path in the history (with the time it was deleted)
DELETED_MARK = "\x00deleted@"
_TALLY = TALLY_FIELDS
_TALLY_SQL = ", ".join(f"{name} INTEGER NOT NULL DEFAULT 0" for name in _TALLY)

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    start REAL NOT NULL,
    end REAL NOT NULL,
    utc_offset INTEGER NOT NULL DEFAULT 0,
    active_seconds REAL NOT NULL DEFAULT 0,
    {_TALLY_SQL}
);
CREATE INDEX IF NOT EXISTS sessions_by_start ON sessions(start);
CREATE TABLE IF NOT EXISTS piece_sessions (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    piece TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    start REAL NOT NULL,
    end REAL NOT NULL,
    active_seconds REAL NOT NULL DEFAULT 0,
    {_TALLY_SQL},
    PRIMARY KEY (session_id, piece)
);
CREATE INDEX IF NOT EXISTS piece_sessions_by_piece ON piece_sessions(piece);
"""
_SCHEMA_TABLES = set(re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", _SCHEMA))
_SCHEMA_INDEXES = set(re.findall(r"CREATE INDEX IF NOT EXISTS (\w+)", _SCHEMA))


@dataclass
class SessionRow(Tally):
    """One stored session; its counters (typed, deleted, pasted) come from :class:`Tally`."""

    id: int
    start: float
    end: float
    utc_offset: int
    active_seconds: float

    @property
    def active_minutes(self) -> float:
        return self.active_seconds / 60.0


@dataclass
class PieceSessionRow(Tally):
    """One piece's part of a stored session."""

    session_id: int
    piece: str
    title: str
    start: float
    end: float
    active_seconds: float


def _row(cls, values: tuple):  # noqa: ANN001, ANN202 - SessionRow or PieceSessionRow
    """A record from a SELECT of its own fields followed by the tally columns."""
    own = len(values) - len(_TALLY)
    return cls(*values[:own], **dict(zip(_TALLY, values[own:], strict=True)))


class SessionStore:
    """Open (or create) the sessions database. ``path=None`` keeps it in memory."""

    def __init__(self, path: Path | None) -> None:
        self.path = Path(path) if path is not None else None
        self.notice: str | None = None
        self.read_only = False
        self.conn = self._open()

    @classmethod
    def default(cls, dirs=None) -> SessionStore:  # noqa: ANN001 - AppDirs, imported lazily
        from quill.paths import app_dirs

        dirs = dirs or app_dirs()
        dirs.data.mkdir(parents=True, exist_ok=True)
        return cls(dirs.data / FILE_NAME)

    # -- opening ----------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            return self._prepare(sqlite3.connect(":memory:"))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return self._prepare(sqlite3.connect(self.path, timeout=5))
        except _NewerSchema as exc:
            self.notice = (f"Your session history ({self.path}) was written by a newer Quill (schema {exc}); "
                           "this one leaves it untouched and keeps this run's sessions in memory only.")
            self.read_only = True
            return self._prepare(sqlite3.connect(":memory:"))
        except (sqlite3.OperationalError, OSError) as exc:
            # Not damage: the file cannot be opened or written (a read-only or full disk, no permission,
            # locked). Before this the history was set aside as "damaged" and a new one started, or,
            # with no file to set aside, the sessions feature failed and the features after it
            # (the voice panel, spelling, flow mode) were never installed.
            return self._in_memory(exc)
        except sqlite3.DatabaseError:
            try:
                aside = self._set_aside()
                conn = self._prepare(sqlite3.connect(self.path, timeout=5))
            except (sqlite3.DatabaseError, OSError) as exc:
                return self._in_memory(exc)
            self.notice = (f"Quill's session history file was damaged; it was set aside as {aside.name} "
                           "(nothing was deleted) and a new history was started. Your pieces are untouched.")
            return conn

    def _in_memory(self, exc: BaseException) -> sqlite3.Connection:
        reason = getattr(exc, "strerror", None) or str(exc)
        self.notice = (f"Quill cannot write your session history ({self.path}: {reason}); it is left as it is, "
                       "and this run's sessions are kept in memory only. Your pieces are untouched.")
        self.read_only = True
        return self._prepare(sqlite3.connect(":memory:"))

    def _prepare(self, conn: sqlite3.Connection) -> sqlite3.Connection:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("quick_check failed")
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if tables and "meta" not in tables:
                raise sqlite3.DatabaseError("not a Quill session database")
            version = None
            if "meta" in tables:
                row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
                version = int(row[0]) if row else None
                if version is not None and version > SCHEMA_VERSION:
                    raise _NewerSchema(version)
            # Written only when something is missing: a write here is a synchronous transaction
            # (fsync), which on every launch held the window's thread 50-80 ms after the first paint.
            indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
            if (version != SCHEMA_VERSION or not _SCHEMA_TABLES.issubset(tables)
                    or not _SCHEMA_INDEXES.issubset(indexes)):
                with conn:
                    conn.executescript(_SCHEMA)
                    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                                 (str(SCHEMA_VERSION),))
        except (sqlite3.DatabaseError, ValueError) as exc:
            conn.close()
            if isinstance(exc, sqlite3.DatabaseError):
                raise
            raise sqlite3.DatabaseError(str(exc)) from exc
        except _NewerSchema:
            conn.close()
            raise
        return conn

    def _set_aside(self) -> Path:
        assert self.path is not None
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{n}")
        self.path.rename(aside)
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                with contextlib.suppress(OSError):
                    side.rename(aside.with_name(aside.name + suffix))
        return aside

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    # -- settings ---------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str | None) -> None:
        with self.conn:
            if value is None:
                self.conn.execute("DELETE FROM meta WHERE key=?", (key,))
            else:
                self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- writing ----------------------------------------------------------------------------
    def save_session(self, session: dict, pieces: Iterable[dict]) -> int:
        """Insert or update one session and its per-piece rows in one transaction; returns its id.

        ``session`` holds ``id`` (None when new), start, end, utc_offset, active_seconds and the
        tally fields; each piece dict holds piece, title, start, end, active_seconds and the tally.
        """
        cols = ("start", "end", "utc_offset", "active_seconds", *_TALLY)
        values = [session[c] for c in cols]
        with self.conn:
            if session.get("id") is None:
                cur = self.conn.execute(
                    f"INSERT INTO sessions({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", values)
                session_id = int(cur.lastrowid)
            else:
                session_id = int(session["id"])
                # An UPDATE, not INSERT OR REPLACE: a replace deletes first, cascading to the piece rows.
                cur = self.conn.execute(f"UPDATE sessions SET {', '.join(c + '=?' for c in cols)} WHERE id=?",
                                        [*values, session_id])
                if cur.rowcount == 0:
                    self.conn.execute(f"INSERT INTO sessions(id, {', '.join(cols)}) "
                                      f"VALUES (?, {', '.join('?' * len(cols))})", [session_id, *values])
            pcols = ("piece", "title", "start", "end", "active_seconds", *_TALLY)
            self.conn.executemany(
                f"INSERT OR REPLACE INTO piece_sessions(session_id, {', '.join(pcols)}) "
                f"VALUES (?, {', '.join('?' * len(pcols))})",
                [[session_id, path_to_db(p["piece"]), shown(p["title"]), *(p[c] for c in pcols[2:])]
                 for p in pieces])
        return session_id

    def insert_many(self, sessions: list[tuple], pieces: list[tuple]) -> None:
        """Bulk load (benchmarks, imports): rows in column order, ids included."""
        with self.conn:
            self.conn.executemany("INSERT INTO sessions(id, start, end, utc_offset, active_seconds, "
                                  + ", ".join(_TALLY) + ") VALUES (" + ", ".join("?" * 11) + ")", sessions)
            self.conn.executemany("INSERT INTO piece_sessions(session_id, piece, title, start, end, active_seconds, "
                                  + ", ".join(_TALLY) + ") VALUES (" + ", ".join("?" * 12) + ")", pieces)

    # -- reading ----------------------------------------------------------------------------
    def sessions(self, since: float | None = None, until: float | None = None) -> list[SessionRow]:
        sql = "SELECT id, start, end, utc_offset, active_seconds, " + ", ".join(_TALLY) + " FROM sessions"
        where, args = [], []
        if since is not None:
            where.append("start >= ?")
            args.append(since)
        if until is not None:
            where.append("start < ?")
            args.append(until)
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [_row(SessionRow, row) for row in self.conn.execute(sql + " ORDER BY start, id", args)]

    def piece_sessions(self, piece: str | None = None) -> list[PieceSessionRow]:
        sql = ("SELECT session_id, piece, title, start, end, active_seconds, " + ", ".join(_TALLY)
               + " FROM piece_sessions")
        args: list = []
        if piece is not None:
            sql += " WHERE piece = ?"
            args.append(path_to_db(piece))
        return [_row(PieceSessionRow, (row[0], path_from_db(row[1]), *row[2:]))
                for row in self.conn.execute(sql + " ORDER BY start", args)]

    def count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0])

    # -- a piece's identity follows the piece, not the path -------------------------------------
    def rename_piece(self, old: str, new: str, *, session_id: int | None = None) -> None:
        """The piece at ``old`` now lives at ``new`` (renamed or moved by Quill): its sessions follow it.
        With ``session_id``, only that session's part does (an untitled draft's words, recorded under
        no name until it got its file: earlier sessions' untitled words belong to other drafts).

        A session that already has rows for ``new`` (written after the move, before this call)
        keeps both, added together."""
        if old == new:
            return
        old, new = path_to_db(old), path_to_db(new)  # type: ignore[assignment]  # a name that is not UTF-8
        only, limit = ("", ()) if session_id is None else (" AND session_id = ?", (session_id,))
        with self.conn:
            clashes = self.conn.execute(
                "SELECT session_id FROM piece_sessions WHERE piece = ?" + only + " AND session_id IN "
                "(SELECT session_id FROM piece_sessions WHERE piece = ?)", (old, *limit, new)).fetchall()
            for (session_id,) in clashes:
                sums = ", ".join(f"{n} = {n} + (SELECT {n} FROM piece_sessions WHERE session_id = ? AND piece = ?)"
                                 for n in ("active_seconds", *_TALLY))
                self.conn.execute(f"UPDATE piece_sessions SET {sums} WHERE session_id = ? AND piece = ?",
                                  [x for _ in range(1 + len(_TALLY)) for x in (session_id, old)] + [session_id, new])
                self.conn.execute("DELETE FROM piece_sessions WHERE session_id = ? AND piece = ?", (session_id, old))
            self.conn.execute("UPDATE piece_sessions SET piece = ? WHERE piece = ?" + only, (new, old, *limit))

    def retire_piece(self, path: str, when: float) -> str:
        """The piece at ``path`` was deleted (trashed): its history stays, marked, and a new piece
        that takes the same name later starts a history of its own. Returns the key it is kept under."""
        key = f"{path}{DELETED_MARK}{int(when)}"
        self.rename_piece(path, key)
        return key

    def retired_key(self, path: str, near: float, within: float = 3600.0) -> str | None:
        """The key :meth:`retire_piece` kept the history of the piece deleted from ``path`` under,
        the one retired closest to ``near`` (seconds since the epoch) and within ``within`` of it:
        a piece taken out of the trash in a later launch gets its own history back, not that of
        another piece deleted from the same name."""
        prefix = f"{path}{DELETED_MARK}"
        low, high = path_to_db(prefix + "0"), path_to_db(prefix + ":")  # the keys' digits sort between
        found: tuple[float, str] | None = None
        for (value,) in self.conn.execute("SELECT DISTINCT piece FROM piece_sessions WHERE piece >= ? AND piece < ?",
                                          (low, high)):
            key = path_from_db(value)
            suffix = key[len(prefix):]
            apart = abs(int(suffix) - near) if suffix.isdigit() else within + 1
            if apart <= within and (found is None or apart < found[0]):
                found = (apart, key)
        return found[1] if found else None


class _NewerSchema(Exception):
    pass
