"""The library's index: a SQLite cache of every piece's metadata plus an FTS5 full-text index.

The files are the truth. The index is only a cache, kept in Quill's cache folder (one
database per library folder), so deleting it loses nothing: it is rebuilt from the files.
A damaged database is moved aside and rebuilt; one locked by another Quill is replaced
by a private in-memory index for this run. Either way :attr:`Index.notice` says so.

FTS5 runs with ``detail=none``: Quill needs word and prefix matches, ranking and
snippets, not phrase queries, and this roughly doubles indexing speed.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quill.fsnames import path_from_db, path_to_db, shown
from quill.library.piece import DRAFT, Piece, collection_of
from quill.markup.readable import readable_glimpse

SCHEMA_VERSION = 9  # 5: a blog's status/draft/date keys; 6: first lines skip pictures;
# 7: setext titles and one front-matter rule (titles, first lines and counts are read again);
# 8: values read from +++ (TOML) front matter (a Hugo post's title, tags, date, draft);
# 9: first lines read as prose (past headings; a link's text; no emphasis or footnote marks), titles after an
# unreadable block
LOCK_TIMEOUT_S = 2.0
#: Above this many matches, search stops ranking every match by relevance (see Index.search).
RANK_LIMIT = 1500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pieces (
    id INTEGER PRIMARY KEY,
    relpath TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    created TEXT,
    updated TEXT,
    finished TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    url TEXT,
    words INTEGER NOT NULL DEFAULT 0,
    first_line TEXT NOT NULL DEFAULT '',
    problem TEXT
);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(title, body, tags, detail=none);
CREATE VIRTUAL TABLE IF NOT EXISTS titles USING fts5(title, tags);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""

_COLUMNS = ("relpath", "size", "mtime_ns", "title", "status", "created", "updated", "finished",
            "tags", "url", "words", "first_line", "problem")
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\u2028]")


@dataclass(frozen=True)
class SearchHit:
    """One search result: the piece, a snippet of its text, and where the matches are in the snippet."""

    piece: Piece
    snippet: str
    highlights: tuple[tuple[int, int], ...] = ()
    rank: float = 0.0

    def to_json(self) -> dict[str, Any]:
        data = self.piece.to_json()
        data["snippet"] = self.snippet
        data["highlights"] = [list(span) for span in self.highlights]
        return data


@dataclass
class Known:
    """What the index remembers about a file, to decide whether it must be read again."""

    id: int
    size: int
    mtime_ns: int


class IndexBusy(RuntimeError):
    """Another thread holds the index (a scan, an import, a re-index) and the caller chose not to wait."""


@dataclass
class Index:
    """A connection to one library's index. Thread-safe behind one lock (the UI may scan in a worker)."""

    path: Path | None
    conn: sqlite3.Connection
    notice: str | None = None
    read_only: bool = False
    _lock: threading.RLock = field(default_factory=threading.RLock)

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | None, timeout: float = LOCK_TIMEOUT_S) -> Index:
        """Open (or create) the index at ``path``; ``None`` means in memory.

        Never raises for a bad database: a corrupt one is moved aside and rebuilt, a
        locked or unwritable one is replaced by an in-memory index, with :attr:`notice` set.
        """
        if path is None:
            index = cls(None, _connect(":memory:", timeout))
            index._prepare()
            return index
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            index = cls(path, _connect(str(path), timeout))
            index._prepare()
            return index
        except sqlite3.DatabaseError as exc:
            if _is_locked(exc):
                return cls._in_memory(
                    f"The library index {path} is in use by another Quill; this window uses a temporary "
                    "copy, built from your files.")
            with contextlib.suppress(NameError, sqlite3.Error):
                index.conn.close()
            return cls._rebuilt(path, timeout)
        except OSError as exc:
            return cls._in_memory(f"Quill cannot write its library index in {path.parent} ({exc.strerror}); "
                                  "it uses a temporary one for now.")

    @classmethod
    def _in_memory(cls, notice: str) -> Index:
        index = cls(None, _connect(":memory:", LOCK_TIMEOUT_S), notice=notice, read_only=True)
        index._prepare()
        return index

    @classmethod
    def _rebuilt(cls, path: Path, timeout: float) -> Index:
        aside = path.with_name(path.name + ".damaged")
        try:
            for suffix in ("", "-wal", "-shm"):
                src = Path(str(path) + suffix)
                if src.exists():
                    src.replace(Path(str(aside) + suffix))
            index = cls(path, _connect(str(path), timeout))
            index._prepare()
        except (sqlite3.DatabaseError, OSError):
            return cls._in_memory(f"The library index {path} is damaged and could not be replaced; "
                                  "Quill uses a temporary one built from your files.")
        index.notice = ("The library index was damaged; Quill rebuilt it from your files (nothing was lost). "
                        f"The old one is kept as {aside.name}.")
        return index

    def _prepare(self) -> None:
        conn = self.conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, SCHEMA_VERSION):
            conn.executescript("DROP TABLE IF EXISTS pieces; DROP TABLE IF EXISTS fts; "
                               "DROP TABLE IF EXISTS titles; DROP TABLE IF EXISTS meta;")
        if self.path is not None:
            conn.execute("PRAGMA journal_mode=WAL")  # readers (the CLI) never wait for a writer
        conn.execute("PRAGMA synchronous=OFF")  # a cache: after a crash, rebuilding is always possible
        conn.executescript(_SCHEMA)
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        conn.commit()
        conn.execute("SELECT count(*) FROM pieces").fetchone()

    def close(self) -> None:
        with self._lock, contextlib.suppress(sqlite3.Error):
            self.conn.close()

    # -- writing ---------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            try:
                self.conn.execute("BEGIN")
                yield
                self.conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                raise

    @contextlib.contextmanager
    def bulk(self) -> Iterator[None]:
        """Many inserts ahead: let FTS5 merge its segments once at the end instead of as it goes."""
        with self._lock:
            self.conn.execute("INSERT INTO fts(fts, rank) VALUES ('automerge', 0)")
            try:
                yield
            finally:
                self.conn.execute("INSERT INTO fts(fts, rank) VALUES ('automerge', 4)")
                self.conn.execute("INSERT INTO fts(fts, rank) VALUES ('merge', 500)")

    def known(self) -> dict[str, Known]:
        with self._lock:
            rows = self.conn.execute("SELECT relpath, id, size, mtime_ns FROM pieces").fetchall()
        return {path_from_db(r[0]): Known(r[1], r[2], r[3]) for r in rows}

    def upsert(self, piece: Piece, body: str) -> None:
        """Store one piece (inside :meth:`transaction` for speed when doing many)."""
        values = _row_values(piece)
        with self._lock:
            conn = self.conn
            row = conn.execute("SELECT id FROM pieces WHERE relpath=?", (path_to_db(piece.relpath),)).fetchone()
            if row is None:
                cur = conn.execute(f"INSERT INTO pieces({','.join(_COLUMNS)}) VALUES ({','.join('?' * len(_COLUMNS))})",
                                   values)
                rowid = cur.lastrowid
            else:
                rowid = row[0]
                conn.execute(f"UPDATE pieces SET {','.join(c + '=?' for c in _COLUMNS)} WHERE id=?", (*values, rowid))
                conn.execute("DELETE FROM fts WHERE rowid=?", (rowid,))
                conn.execute("DELETE FROM titles WHERE rowid=?", (rowid,))
            tags = " ".join(piece.tags)
            title = shown(piece.title)
            conn.execute("INSERT INTO fts(rowid, title, body, tags) VALUES (?,?,?,?)", (rowid, title, body, tags))
            conn.execute("INSERT INTO titles(rowid, title, tags) VALUES (?,?,?)", (rowid, title, tags))

    def insert_new(self, items: list[tuple[Piece, str]]) -> None:
        """Store pieces known not to be indexed yet, in bulk (the first index of a library)."""
        with self._lock:
            conn = self.conn
            start = (conn.execute("SELECT max(id) FROM pieces").fetchone()[0] or 0) + 1
            ids = range(start, start + len(items))
            conn.executemany(f"INSERT INTO pieces(id,{','.join(_COLUMNS)}) VALUES (?,{','.join('?' * len(_COLUMNS))})",
                             [(rowid, *_row_values(piece)) for rowid, (piece, _) in zip(ids, items, strict=True)])
            tags = [" ".join(piece.tags) for piece, _ in items]
            conn.executemany("INSERT INTO fts(rowid, title, body, tags) VALUES (?,?,?,?)",
                             [(rowid, shown(piece.title), body, tag)
                              for rowid, (piece, body), tag in zip(ids, items, tags, strict=True)])
            conn.executemany("INSERT INTO titles(rowid, title, tags) VALUES (?,?,?)",
                             [(rowid, shown(piece.title), tag)
                              for rowid, (piece, _), tag in zip(ids, items, tags, strict=True)])

    def remove(self, relpaths: Iterable[str]) -> None:
        with self._lock:
            for relpath in relpaths:
                row = self.conn.execute("SELECT id FROM pieces WHERE relpath=?", (path_to_db(relpath),)).fetchone()
                if row is not None:
                    self.conn.execute("DELETE FROM fts WHERE rowid=?", (row[0],))
                    self.conn.execute("DELETE FROM titles WHERE rowid=?", (row[0],))
                    self.conn.execute("DELETE FROM pieces WHERE id=?", (row[0],))

    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._lock:
            self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?,?)", (key, value))
            if not self.conn.in_transaction:
                self.conn.commit()

    # -- reading ---------------------------------------------------------------------------
    def pieces(self, root: Path, *, status: str | None = None, tag: str | None = None,
               collection: str | None = None, sort: str = "updated") -> list[Piece]:
        where, args = [], []
        if status:
            where.append("status=?")
            args.append(status)
        if tag:
            where.append("EXISTS (SELECT 1 FROM json_each(pieces.tags) WHERE value=?)")
            args.append(tag)
        if collection is not None:
            collection = collection.strip("/")
            if collection:
                # a name stored as its bytes (not UTF-8, see quill.fsnames) is compared as bytes
                where.append("(relpath LIKE ? ESCAPE '\\' OR (typeof(relpath)='blob' AND substr(relpath, 1, ?)=?))")
                prefix = os.fsencode(collection + "/")
                args.extend((_like_prefix(collection) + "/%", len(prefix), prefix))
            else:
                where.append("instr(CAST(relpath AS BLOB), X'2F')=0")
        order = {
            "updated": "updated DESC, relpath",
            "finished": "finished IS NULL, finished DESC, updated DESC, relpath",
            "title": "title COLLATE NOCASE, relpath",
            "created": "created IS NULL, created DESC, updated DESC",
        }.get(sort)
        if order is None:
            raise ValueError(f"Unknown sort order {sort!r}; use updated, finished, title or created.")
        sql = f"SELECT {','.join(_COLUMNS)} FROM pieces"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY " + order
        with self._lock:
            rows = self.conn.execute(sql, args).fetchall()
        return [_piece_from_row(root, row) for row in rows]

    def piece(self, root: Path, relpath: str, *, wait: bool = True) -> Piece | None:
        """One piece's row. ``wait=False`` is for the window's thread while the writer types: a scan
        or an import holds the index for as long as it takes (seconds for a large archive), and a
        status line refreshed meanwhile froze the page until it finished. Raises IndexBusy then."""
        if not self._lock.acquire(blocking=wait):
            raise IndexBusy("the library index is being updated")
        try:
            row = self.conn.execute(f"SELECT {','.join(_COLUMNS)} FROM pieces WHERE relpath=?",
                                    (path_to_db(relpath),)).fetchone()
        finally:
            self._lock.release()
        return _piece_from_row(root, row) if row else None

    def most_recent(self, root: Path) -> Piece | None:
        with self._lock:
            row = self.conn.execute(f"SELECT {','.join(_COLUMNS)} FROM pieces WHERE problem IS NULL "
                                    "ORDER BY mtime_ns DESC LIMIT 1").fetchone()
        return _piece_from_row(root, row) if row else None

    def search(self, root: Path, query: str, limit: int = 50, snippet_words: int = 12) -> list[SearchHit]:
        """Pieces matching every word of ``query`` (the last word as a prefix, for type-to-filter).

        Up to :data:`RANK_LIMIT` matches are ranked by relevance (bm25, titles and tags
        weighing most). For a very common word or a short prefix that matches more,
        ranking them all would cost hundreds of milliseconds and mean little: title/tag
        matches come first (ranked), then the rest by last edited. Snippets are made only
        for the pieces returned.
        """
        match = fts_query(query)
        if not match or limit <= 0:
            return []
        with self._lock:
            conn = self.conn
            matches = conn.execute("SELECT count(*) FROM (SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ?)",
                                   (match, RANK_LIMIT + 1)).fetchone()[0]
            if matches <= RANK_LIMIT:
                ranked = conn.execute("SELECT rowid, bm25(fts, 10.0, 1.0, 5.0) AS r FROM fts WHERE fts MATCH ? "
                                      "ORDER BY r LIMIT ?", (match, limit)).fetchall()
            else:
                ranked = conn.execute("SELECT rowid, bm25(titles, 10.0, 5.0) AS r FROM titles WHERE titles MATCH ? "
                                      "ORDER BY r LIMIT ?", (match, limit)).fetchall()
                seen = {row[0] for row in ranked}
                if len(ranked) < limit:
                    rest = conn.execute(
                        "SELECT p.id FROM pieces p WHERE p.id IN (SELECT rowid FROM fts WHERE fts MATCH ?) "
                        "ORDER BY p.updated DESC LIMIT ?", (match, limit + len(seen))).fetchall()
                    ranked += [(row[0], 0.0) for row in rest if row[0] not in seen][: limit - len(ranked)]
            if not ranked:
                return []
            ids = [row[0] for row in ranked]
            marks = ",".join("?" * len(ids))
            cols = ",".join("p." + c for c in _COLUMNS)
            # Not snippet(): with a MATCH it re-runs the query per row (≈6 ms each for a prefix).
            rows = conn.execute(f"SELECT p.id, {cols}, fts.body FROM pieces p JOIN fts ON fts.rowid = p.id "
                                f"WHERE p.id IN ({marks})", ids).fetchall()
        by_id = {row[0]: row[1:] for row in rows}
        pattern = _match_pattern(query)
        hits = []
        for rowid, rank in ranked:
            row = by_id.get(rowid)
            if row is None:
                continue
            piece = _piece_from_row(root, row[: len(_COLUMNS)])
            text, spans = make_snippet(row[len(_COLUMNS)] or "", pattern, snippet_words)
            if not text.strip():
                text, spans = piece.first_line, ()
            hits.append(SearchHit(piece, text, spans, float(rank)))
        return hits

    def problems(self) -> list[tuple[str, str]]:
        """(relpath, message) for every file that could not be read properly."""
        with self._lock:
            rows = self.conn.execute("SELECT relpath, problem FROM pieces WHERE problem IS NOT NULL "
                                     "ORDER BY relpath").fetchall()
        return [(path_from_db(relpath), problem) for relpath, problem in rows]

    def count(self) -> int:
        with self._lock:
            return int(self.conn.execute("SELECT count(*) FROM pieces").fetchone()[0])


def fts_query(query: str) -> str:
    """Turn what the writer typed into a safe FTS5 query: every word must match, the last as a prefix."""
    tokens = _TOKEN.findall(query.lower())
    if not tokens:
        return ""
    parts = [f'"{token}"' for token in tokens[:-1]]
    parts.append(f'"{tokens[-1]}"*')
    return " AND ".join(parts)


def _match_pattern(query: str) -> re.Pattern[str] | None:
    tokens = _TOKEN.findall(query.lower())
    if not tokens:
        return None
    alternatives = [re.escape(t) + r"(?![^\W_])" for t in tokens[:-1]]
    alternatives.append(re.escape(tokens[-1]) + r"[^\W_]*")
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


def make_snippet(body: str, pattern: re.Pattern[str] | None,
                 words: int = 12) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About ``2 * words`` words of ``body`` around the first match, and the matches' spans in it."""
    first = pattern.search(body) if pattern is not None else None
    center = first.start() if first else 0
    reach = max(words, 1) * 7
    start = max(0, center - reach)
    if start:
        space = body.find(" ", start, center)
        start = space + 1 if space >= 0 else start
    end = min(len(body), center + reach * 2)
    if end < len(body):
        space = body.rfind(" ", center, end)
        end = space if space > center else end
    # A glimpse of the writer's words, not of their markup ("## The ferry", a link's address).
    window = readable_glimpse(_LINE_BREAKS.split(body[start:end]),
                              first_whole=start == 0 or body[start - 1] in "\n\r\u2028").replace("\t", " ")
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(body) else ""
    spans: tuple[tuple[int, int], ...] = ()
    if pattern is not None:
        spans = tuple((m.start() + len(prefix), m.end() + len(prefix)) for m in pattern.finditer(window))
    return prefix + window + suffix, spans


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _connect(target: str, timeout: float) -> sqlite3.Connection:
    conn = sqlite3.connect(target, timeout=timeout, isolation_level=None, check_same_thread=False)
    return conn


def _is_locked(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _row_values(piece: Piece) -> tuple[Any, ...]:
    return (
        path_to_db(piece.relpath), piece.size, piece.mtime_ns, shown(piece.title), piece.status,
        _iso(piece.created), _iso(piece.updated), _iso(piece.finished),
        json.dumps(list(piece.tags), ensure_ascii=False), piece.url, piece.words, shown(piece.first_line),
        shown(piece.problem),
    )


def _iso(value: _dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _piece_from_row(root: Path, row: tuple[Any, ...]) -> Piece:
    (relpath, size, mtime_ns, title, status, created, updated, finished, tags, url, words, first, problem) = row
    relpath = path_from_db(relpath)
    return Piece(
        path=root.joinpath(*relpath.split("/")),
        relpath=relpath,
        title=title,
        status=status or DRAFT,
        created=_dt.date.fromisoformat(created) if created else None,
        updated=_dt.datetime.fromisoformat(updated) if updated else None,
        finished=_dt.date.fromisoformat(finished) if finished else None,
        tags=tuple(json.loads(tags or "[]")),
        url=url,
        words=words,
        first_line=first,
        collection=collection_of(relpath),
        size=size,
        mtime_ns=mtime_ns,
        problem=problem,
    )
