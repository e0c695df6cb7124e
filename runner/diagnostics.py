"""Mapping a PostgreSQL error back to ``file:line:col`` in the migration that caused it.

Three sources of position, best first:

1. ``statement_position`` from the server: a character offset into the script as sent.
2. A PL/pgSQL frame in the error context (``PL/pgSQL function f() line 7 at RAISE`` or
   ``inline_code_block line 3`` for DO blocks): the line is counted from the start of the
   function body, which we find in the file with PostgreSQL's own parser.
3. The statement that failed (we know how many completed before it): its first line.
"""

from __future__ import annotations

import re

from runner.errors import PgDiagnostic, SqlLocation
from runner.sqltext import Statement, line_col, line_text, parse

_PLPGSQL_FRAME = re.compile(r"PL/pgSQL function (?P<fn>.+?) line (?P<line>\d+) at ")
_COMPILE_FRAME = re.compile(r'compilation of PL/pgSQL function "(?P<fn>[^"]+)" near line (?P<line>\d+)')


def _fn_name(frame: str) -> str:
    return frame.split("(")[0].split(".")[-1].strip('"').lower()


def _statements(text: str) -> list[Statement] | None:
    try:
        return parse(text)
    except Exception:  # noqa: BLE001 - pglast may not parse what the server accepts
        return None


def _at(display: str, text: str, offset: int, with_column: bool = True) -> SqlLocation:
    line, col = line_col(text, offset)
    return SqlLocation(display, line, col if with_column else None, line_text(text, line))


def _body_line(display: str, text: str, stmt: Statement, n: int) -> SqlLocation | None:
    if stmt.body_offset is None:
        return None
    first, _ = line_col(text, stmt.body_offset)
    line = first + n - 1
    source = line_text(text, line)
    col = len(source) - len(source.lstrip()) + 1 if source.strip() else None
    return SqlLocation(display, line, col, source)


def locate(display: str, text: str, diag: PgDiagnostic, position: int | None,
           completed: int, base_offset: int = 0) -> SqlLocation | None:
    """Where in the file (shown as ``display``) the error points; None if nowhere better than the file.

    ``base_offset`` is where the text that was sent starts in the file (statement-by-statement
    runs send one statement at a time).
    """
    if position is not None:
        return _at(display, text, base_offset + position - 1)
    sent = text[base_offset:]
    stmts = _statements(sent)
    if not stmts:
        return None
    failing = stmts[completed] if completed < len(stmts) else None
    frames = _PLPGSQL_FRAME.findall(diag.context or "") + _COMPILE_FRAME.findall(diag.context or "")
    if failing is not None and failing.node == "DoStmt":
        inline = [int(n) for fn, n in frames if fn == "inline_code_block"]
        if inline:
            loc = _body_line(display, text, _shift(failing, base_offset), inline[-1])
            if loc:
                return loc
    upto = stmts[: completed + 1]
    for fn, n in frames:
        name = _fn_name(fn)
        for stmt in reversed(upto):
            if stmt.name == name:
                loc = _body_line(display, text, _shift(stmt, base_offset), int(n))
                if loc:
                    return loc
    if failing is not None:
        lead = len(failing.text) - len(failing.text.lstrip())
        return _at(display, text, base_offset + failing.start + lead, with_column=False)
    return None


def _shift(stmt: Statement, offset: int) -> Statement:
    if not offset:
        return stmt
    return Statement(stmt.start + offset, stmt.end + offset, stmt.node, stmt.text,
                     None if stmt.body_offset is None else stmt.body_offset + offset, stmt.name)


HINTS = {
    "25001": "this statement cannot run inside a transaction: put it in its own migration "
    "with '-- runner: no-transaction' in the leading comment block",
    "55P03": "a lock was not granted within lock_timeout: live traffic holds a conflicting lock; "
    "retry at a quieter time or raise it with '-- runner: lock-timeout 30s'",
    "57014": "the statement ran longer than statement_timeout; raise it for this file with "
    "'-- runner: statement-timeout 30min'",
    "2BP01": "other objects depend on this one (often a view or function from a repeatable "
    "migration); drop or change them first",
}
