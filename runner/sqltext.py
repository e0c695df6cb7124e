"""Lexical facts about SQL text that the runner needs without a server.

A small scanner that knows PostgreSQL's quoting (single-quoted and ``E''`` strings, quoted
identifiers, dollar quotes, nested block comments, line comments) so that the runner can find
psql meta-commands, transaction-control statements and the leading comment block without being
fooled by a backslash or a ``BEGIN`` inside a function body. Statement splitting for
``no-transaction`` files is done by pglast, PostgreSQL's own parser (see :func:`split`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Identifier characters, as in PostgreSQL's scanner: ASCII letters, _ and any non-ASCII
# character, then also digits (and $ in identifiers, never in a dollar-quote tag). Non-ASCII
# is a negated ASCII class: a class spelling out \x80-\uffff costs 5 ms to compile, at every
# start of the command.
_DOLLAR_TAG = re.compile(r"\$(?:(?:[A-Za-z_]|[^\x00-\x7f])(?:[A-Za-z0-9_]|[^\x00-\x7f])*)?\$")
_WORD = re.compile(r"[A-Za-z_]+")
_IDENT_CHAR = re.compile(r"[A-Za-z0-9_$]|[^\x00-\x7f]")


@dataclass(frozen=True)
class Segment:
    """A run of text of one kind: ``code``, ``comment`` or ``quoted`` (string/identifier/body)."""

    kind: str
    start: int
    end: int


def segments(text: str) -> Iterator[Segment]:
    """Split ``text`` into code, comment and quoted segments (an unterminated one runs to the end)."""
    i, n, code_start = 0, len(text), 0
    while i < n:
        c = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        end = -1
        kind = ""
        if c == "-" and nxt == "-":
            nl = text.find("\n", i)
            end, kind = (n if nl < 0 else nl), "comment"
        elif c == "/" and nxt == "*":
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            end, kind = j, "comment"
        elif c == "'":
            escapes = i > 0 and text[i - 1] in "eE" and (i < 2 or not _IDENT_CHAR.match(text[i - 2]))
            j = i + 1
            while j < n:
                if escapes and text[j] == "\\":
                    j += 2
                    continue
                if text[j] == "'":
                    if j + 1 < n and text[j + 1] == "'":
                        j += 2
                        continue
                    break
                j += 1
            end, kind = min(j + 1, n), "quoted"
        elif c == '"':
            j = i + 1
            while j < n:
                if text[j] == '"':
                    if j + 1 < n and text[j + 1] == '"':
                        j += 2
                        continue
                    break
                j += 1
            end, kind = min(j + 1, n), "quoted"
        elif c == "$" and (i == 0 or not _IDENT_CHAR.match(text[i - 1])):
            m = _DOLLAR_TAG.match(text, i)
            if m:
                close = text.find(m.group(0), m.end())
                end, kind = (n if close < 0 else close + len(m.group(0))), "quoted"
        if kind:
            if code_start < i:
                yield Segment("code", code_start, i)
            yield Segment(kind, i, end)
            i = code_start = end
        else:
            i += 1
    if code_start < n:
        yield Segment("code", code_start, n)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a 0-based character offset."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def line_text(text: str, line: int) -> str:
    lines = text.split("\n")
    return lines[line - 1].rstrip("\r") if 1 <= line <= len(lines) else ""


def leading_comment_lines(text: str) -> list[tuple[int, str]]:
    """The ``--`` comment lines (1-based number, text after ``--``) before the first code."""
    out: list[tuple[int, str]] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped:
            continue
        if not stripped.startswith("--"):
            break
        out.append((number, stripped[2:].strip()))
    return out


@dataclass(frozen=True)
class MetaCommand:
    line: int
    column: int
    command: str


def meta_commands(text: str) -> list[MetaCommand]:
    """psql backslash commands outside strings and comments (never valid SQL for a server)."""
    found: list[MetaCommand] = []
    if "\\" not in text:
        return found
    for seg in segments(text):
        if seg.kind != "code":
            continue
        for m in re.finditer(r"\\[A-Za-z!?;]*", text[seg.start : seg.end]):
            line, col = line_col(text, seg.start + m.start())
            found.append(MetaCommand(line, col, m.group(0)))
    return found


def statement_first_words(text: str) -> list[tuple[int, str]]:
    """(offset, upper-cased first word) of each ``;``-separated chunk, ignoring quoted text.

    A cheap over-approximation: ``;`` inside ``BEGIN ATOMIC`` bodies also starts a chunk, so
    callers confirm candidates with the real parser.
    """
    out: list[tuple[int, str]] = []
    expect = True
    for seg in segments(text):
        if seg.kind != "code":
            if seg.kind == "quoted":
                expect = False
            continue
        j = seg.start
        while j < seg.end:
            ch = text[j]
            if ch == ";":
                expect = True
            elif expect and not ch.isspace():
                m = _WORD.match(text, j, seg.end)
                if m:
                    out.append((j, m.group(0).upper()))
                    j = m.end()
                    expect = False
                    continue
                expect = False
            j += 1
    return out


@dataclass(frozen=True)
class Statement:
    """One top-level statement as PostgreSQL's parser sees it (offsets into the file text)."""

    start: int
    end: int
    node: str  # pglast node class name, e.g. "CreateFunctionStmt"
    text: str
    body_offset: int | None  # where a function or DO body begins, for PL/pgSQL line mapping
    name: str | None  # function name, lower-cased, for CREATE FUNCTION/PROCEDURE


def parse(text: str) -> list[Statement]:
    """Parse ``text`` with pglast; raise ``pglast.parser.ParseError`` on a syntax error."""
    from pglast import parser  # imported lazily: status and plain migrate never need it

    out: list[Statement] = []
    for raw in parser.parse_sql(text):
        # pglast reports character offsets (not bytes); a zero length means "to the end".
        node = raw.stmt
        start = raw.stmt_location
        stop = start + raw.stmt_len if raw.stmt_len else len(text)
        body = _body_of(node)
        piece = text[start:stop]
        body_offset = None
        if body is not None:
            pos = piece.find(body)
            body_offset = start + pos if pos >= 0 else None
        out.append(Statement(start, stop, type(node).__name__, piece, body_offset, _name_of(node)))
    return out


def _option_value(options, name: str):
    for opt in options or ():
        if getattr(opt, "defname", None) == name:
            return opt.arg
    return None


def _body_of(node) -> str | None:
    kind = type(node).__name__
    if kind == "DoStmt":
        arg = _option_value(node.args, "as")
    elif kind == "CreateFunctionStmt":
        arg = _option_value(node.options, "as")
        if isinstance(arg, tuple):
            arg = arg[0] if arg else None
    else:
        return None
    return getattr(arg, "sval", None) if arg is not None else None


def _name_of(node) -> str | None:
    if type(node).__name__ != "CreateFunctionStmt":
        return None
    return getattr(node.funcname[-1], "sval", "").lower() or None


def split(text: str) -> list[Statement]:
    """Top-level statements of a file, as PostgreSQL's own parser splits them."""
    return parse(text)


_TXN_WORDS = {"BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "PREPARE", "COPY"}
_TXN_WORDS_RE = re.compile(r"\b(?:" + "|".join(_TXN_WORDS) + r")\b", re.IGNORECASE)
_TXN_FORBIDDEN = {"TRANS_STMT_BEGIN", "TRANS_STMT_START", "TRANS_STMT_COMMIT", "TRANS_STMT_ROLLBACK",
                  "TRANS_STMT_PREPARE", "TRANS_STMT_COMMIT_PREPARED", "TRANS_STMT_ROLLBACK_PREPARED"}


def control_statements(text: str, *, transactional: bool) -> list[tuple[int, int, str]]:
    """(line, col, why) for statements a migration must not contain.

    Transaction control (the runner owns the transaction) in transactional files, and
    ``COPY … FROM STDIN`` anywhere (it needs psql to send the data).
    """
    if not _TXN_WORDS_RE.search(text) or not {w for _, w in statement_first_words(text)} & _TXN_WORDS:
        return []
    from pglast import parser

    try:
        raw = parser.parse_sql(text)
    except parser.ParseError:
        return []  # syntax errors are the server's (or validate's) to report
    out = []
    for item in raw:
        node = item.stmt
        kind = type(node).__name__
        offset = item.stmt_location
        offset += len(text[offset:]) - len(text[offset:].lstrip())
        line, col = line_col(text, offset)
        if kind == "TransactionStmt" and transactional and str(node.kind.name) in _TXN_FORBIDDEN:
            out.append((line, col, "transaction control: the runner runs each migration in its own "
                        "transaction; remove BEGIN/COMMIT (or use '-- runner: no-transaction')"))
        elif kind == "CopyStmt" and node.is_from and not node.filename:
            out.append((line, col, "COPY … FROM STDIN needs psql to send the data; put the data in "
                        "seed-data/ (loaded by runner seed) or use INSERT"))
    return out


def syntax_error(text: str) -> tuple[int, int, str] | None:
    """(line, col, message) of the first syntax error PostgreSQL's parser finds, or None."""
    from pglast import parser

    try:
        parser.parse_sql(text)
    except parser.ParseError as exc:
        pos = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else 0
        line, col = line_col(text, pos)  # pglast reports a 0-based character offset
        return line, col, str(exc.args[0])
    return None
