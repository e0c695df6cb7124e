"""Sending a script to the server as written, and knowing which statement failed.

The whole file goes to PostgreSQL in one simple-protocol query, so the server's parser (not a
client-side splitter) decides where statements begin and end: dollar quotes, ``BEGIN ATOMIC``
bodies and nested comments are safe. Reading the results one by one tells how many statements
completed before an error, which is what maps a PL/pgSQL "line N" back to the file.
"""

from __future__ import annotations

import select
from dataclasses import dataclass

import psycopg
from psycopg import pq
from psycopg.pq import DiagnosticField as F

from runner.errors import PgDiagnostic

_ERROR = (pq.ExecStatus.FATAL_ERROR,)


@dataclass
class ScriptFailure(Exception):
    """PostgreSQL rejected statement number ``completed`` (0-based) of the script."""

    diagnostic: PgDiagnostic
    position: int | None  # 1-based character position in the script, when the server gave one
    completed: int
    after_marker: bool = False  # the failing statement came after the result named ``marker``

    def __str__(self) -> str:
        return f"{self.diagnostic.sqlstate}: {self.diagnostic.message}"


def _field(res: pq.abc.PGresult, name: F, encoding: str) -> str | None:
    raw = res.error_field(name)
    return raw.decode(encoding, errors="replace") if raw is not None else None


def _diagnostic(res: pq.abc.PGresult, encoding: str) -> tuple[PgDiagnostic, int | None]:
    get = lambda f: _field(res, f, encoding)  # noqa: E731
    extra = {k: v for k, v in (
        ("schema", get(F.SCHEMA_NAME)), ("table", get(F.TABLE_NAME)),
        ("column", get(F.COLUMN_NAME)), ("constraint", get(F.CONSTRAINT_NAME)),
        ("internal_query", get(F.INTERNAL_QUERY)), ("internal_position", get(F.INTERNAL_POSITION)),
    ) if v}
    diag = PgDiagnostic(
        sqlstate=get(F.SQLSTATE) or "XX000",
        message=get(F.MESSAGE_PRIMARY) or (res.error_message.decode(encoding, "replace").strip()),
        detail=get(F.MESSAGE_DETAIL),
        hint=get(F.MESSAGE_HINT),
        context=get(F.CONTEXT),
        severity=get(F.SEVERITY_NONLOCALIZED) or get(F.SEVERITY) or "ERROR",
        extra=extra,
    )
    pos = get(F.STATEMENT_POSITION)
    return diag, int(pos) if pos and pos.isdigit() else None


def _wait(pgconn: pq.abc.PGconn, *, write: bool = False) -> None:
    sock = pgconn.socket
    if write:
        select.select([sock], [sock], [], 1.0)
    else:
        select.select([sock], [], [], 1.0)


def _next_result(pgconn: pq.abc.PGconn) -> pq.abc.PGresult | None:
    while True:
        pgconn.consume_input()
        if not pgconn.is_busy():
            return pgconn.get_result()
        _wait(pgconn)


def run_script(conn: psycopg.Connection, text: str, *, marker: str | None = None) -> int:
    """Run ``text`` on ``conn``; return the number of statements, or raise :class:`ScriptFailure`.

    Runs inside whatever transaction ``conn`` has open. Ctrl-C cancels the query on the server.
    ``marker`` names the single column of a ``SELECT`` placed in ``text`` to tell a failure
    before it from one after it (:attr:`ScriptFailure.after_marker`).
    """
    pgconn = conn.pgconn
    encoding = conn.info.encoding
    marker_name = marker.encode() if marker else None
    seen = False
    try:
        pgconn.send_query(text.encode(encoding))
        while pgconn.flush() == 1:
            _wait(pgconn, write=True)
        completed, failure = 0, None
        while (res := _next_result(pgconn)) is not None:
            status = res.status
            if status in _ERROR:
                if failure is None:
                    diag, pos = _diagnostic(res, encoding)
                    failure = ScriptFailure(diag, pos, completed, seen)
            elif status == pq.ExecStatus.COPY_IN:
                pgconn.put_copy_end(b"COPY FROM STDIN needs data; load data with runner seed")
            elif status == pq.ExecStatus.COPY_OUT:
                while pgconn.get_copy_data(0)[0] > 0:
                    pass
            else:
                completed += 1
                if marker_name and status == pq.ExecStatus.TUPLES_OK and res.nfields == 1 \
                        and res.fname(0) == marker_name:
                    seen = True
    except KeyboardInterrupt:
        conn.cancel_safe()
        while _next_result(pgconn) is not None:
            pass
        raise
    except psycopg.pq.PQerror as exc:  # connection lost mid-script
        raise psycopg.OperationalError(str(exc)) from None
    if failure is not None:
        raise failure
    return completed
