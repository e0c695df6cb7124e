"""Migration files on disk: naming schemes, versions, directives, rollback pairing, checksums.

Accepted layouts, so existing projects move over unchanged:

* native: ``migrations/0007_add_users.sql`` + ``0007_add_users.rollback.sql``;
  repeatables in ``repeatable/<name>.sql`` (+ ``<name>.rollback.sql``);
* Flyway: ``V1.2__desc.sql``, undo ``U1.2__desc.sql``, repeatable ``R__desc.sql``;
* yoyo: ``20240101_01_AbCdE-desc.sql`` + ``.rollback.sql``, ``-- depends:`` and
  ``-- transactional: false`` directives.

A path may be a database directory (with ``migrations/`` and/or ``repeatable/``) or a flat
folder of migration files.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from runner.config import parse_duration
from runner.errors import SourceError
from runner.sqltext import control_statements, leading_comment_lines, meta_commands, syntax_error

VERSIONED, REPEATABLE = "versioned", "repeatable"

_NATIVE = re.compile(r"^(?P<version>\d+(?:\.\d+)*)_(?P<desc>[^.].*?)(?P<rb>\.rollback)?\.sql$")
_YOYO = re.compile(
    r"^(?P<date>\d{8})_(?P<seq>\d{2})_(?P<hash>[A-Za-z0-9]{5})-(?P<desc>.+?)(?P<rb>\.rollback)?\.sql$"
)
_FLYWAY = re.compile(r"^(?P<prefix>[VU])(?P<version>\d+(?:[._]\d+)*)__(?P<desc>.+)\.sql$")
_FLYWAY_R = re.compile(r"^R__(?P<desc>.+?)(?P<rb>\.rollback)?\.sql$")
_RUNNER_DIRECTIVE = re.compile(r"^runner:\s*(?P<body>.*)$", re.IGNORECASE)
_YOYO_DIRECTIVE = re.compile(r"^(?P<key>depends|transactional):\s*(?P<value>.*)$", re.IGNORECASE)


def version_key(version: str) -> tuple[int, ...]:
    """Numeric, part by part; leading zeros and trailing ``.0`` parts do not matter."""
    parts = [int(p) for p in re.split(r"[._]", version)]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def normalise(data: bytes) -> str:
    """File text with a UTF-8 BOM removed and CRLF/CR normalised to LF."""
    text = data.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Directives:
    transactional: bool = True
    lock_timeout_ms: int | None = None
    statement_timeout_ms: int | None = None
    irreversible: bool = False
    depends: tuple[str, ...] = ()


@dataclass(frozen=True)
class Script:
    """One SQL file: its text (normalised), checksum and directives."""

    path: Path
    display: str  # path as shown to people (relative to the project when possible)
    text: str
    checksum: str
    directives: Directives


@dataclass(frozen=True)
class Migration:
    """A versioned or repeatable migration and its optional rollback script."""

    kind: str
    version: str | None  # as written in the file name; None for repeatables
    description: str
    script: Script
    rollback: Script | None
    ident: str  # the file stem: yoyo's migration id and the key for repeatables
    key: tuple[int, ...] = field(default=())

    @property
    def label(self) -> str:
        return f"{self.version} {self.description}" if self.version else f"R {self.description}"


@dataclass
class MigrationSet:
    """Everything found for one database, in apply order."""

    root: Path
    versioned: list[Migration]
    repeatable: list[Migration]
    warnings: list[str] = field(default_factory=list)

    def by_version(self) -> dict[tuple[int, ...], Migration]:
        return {m.key: m for m in self.versioned}

    def find(self, version: str) -> Migration | None:
        return self.by_version().get(version_key(version))

    def latest_style(self) -> str:
        names = [m.script.path.name for m in self.versioned]
        return "flyway" if names and all(n.startswith("V") for n in names) else "native"


def _display(path: Path, base: Path | None) -> str:
    """``path`` relative to ``base`` (or the working directory) when it lies below it."""
    absolute = str(path) if path.is_absolute() else os.path.abspath(path)
    for anchor in (str(base) if base else None, os.getcwd()):
        if anchor and absolute.startswith(anchor.rstrip("/") + "/"):
            return absolute[len(anchor.rstrip("/")) + 1:]
    return str(path)


def parse_directives(text: str, display: str, problems: list[str]) -> Directives:
    transactional, lock_ms, stmt_ms, irreversible, depends = True, None, None, False, []
    for line, comment in leading_comment_lines(text):
        where = f"{display}:{line}"
        m = _RUNNER_DIRECTIVE.match(comment)
        if m:
            words = m.group("body").split()
            name = words[0].lower() if words else ""
            arg = " ".join(words[1:])
            try:
                if name == "no-transaction" and not arg:
                    transactional = False
                elif name == "irreversible":
                    irreversible = True
                elif name == "lock-timeout" and arg:
                    lock_ms = parse_duration(arg)
                elif name == "statement-timeout" and arg:
                    stmt_ms = parse_duration(arg)
                else:
                    problems.append(
                        f"{where}: unknown directive '-- runner: {m.group('body')}' (known: "
                        "no-transaction, irreversible, lock-timeout DURATION, statement-timeout DURATION)"
                    )
            except ValueError as exc:
                problems.append(f"{where}: {exc}")
            continue
        y = _YOYO_DIRECTIVE.match(comment)
        if y:
            key, value = y.group("key").lower(), y.group("value").strip()
            if key == "depends":
                depends.extend(value.split())
            elif value.lower() in ("false", "no", "off"):
                transactional = False
            elif value.lower() not in ("true", "yes", "on"):
                problems.append(f"{where}: '-- transactional:' takes true or false, got {value!r}")
    return Directives(transactional, lock_ms, stmt_ms, irreversible, tuple(depends))


def read_script(path: Path, base: Path | None, problems: list[str]) -> Script | None:
    display = _display(path, base)
    try:
        text = normalise(path.read_bytes())
    except UnicodeDecodeError as exc:
        problems.append(f"{display}: not valid UTF-8 ({exc.reason} at byte {exc.start})")
        return None
    except OSError as exc:
        problems.append(f"{display}: cannot read ({exc.strerror})")
        return None
    for meta in meta_commands(text):
        problems.append(
            f"{display}:{meta.line}:{meta.column}: psql meta-command {meta.command} is not SQL; "
            "the runner sends files to the server as they are (use one migration per file "
            "instead of \\i, literal values instead of \\set variables, seed-data/ CSV files "
            "instead of \\copy)"
        )
    directives = parse_directives(text, display, problems)
    for line, col, why in control_statements(text, transactional=directives.transactional):
        problems.append(f"{display}:{line}:{col}: {why}")
    if not directives.transactional:
        error = syntax_error(text)
        if error:
            problems.append(
                f"{display}:{error[0]}:{error[1]}: {error[2]} (a no-transaction file is split into "
                "statements with PostgreSQL's parser before it runs, so it must parse)"
            )
    return Script(path, display, text, checksum(text), directives)


def _classify(name: str) -> tuple[str, str | None, str, bool] | None:
    """(kind, version, description, is_rollback) for a file name, or None if unrecognised."""
    if m := _FLYWAY.match(name):
        desc = m.group("desc").replace("_", " ")
        return VERSIONED, m.group("version").replace("_", "."), desc, m.group("prefix") == "U"
    if m := _FLYWAY_R.match(name):
        return REPEATABLE, None, m.group("desc").replace("_", " "), bool(m.group("rb"))
    if m := _YOYO.match(name):
        version = f"{m.group('date')}.{int(m.group('seq'))}"
        return VERSIONED, version, m.group("desc").replace("-", " "), bool(m.group("rb"))
    if m := _NATIVE.match(name):
        return VERSIONED, m.group("version"), m.group("desc").replace("_", " "), bool(m.group("rb"))
    return None


def discover(path: Path, *, base: Path | None = None) -> MigrationSet:
    """Read every migration under ``path``; raise :class:`SourceError` listing every problem."""
    if not path.is_dir():
        raise SourceError(f"migration directory not found: {path}")
    problems: list[str] = []
    warnings: list[str] = []
    mig_dir = path / "migrations"
    rep_dir = path / "repeatable"
    layered = mig_dir.is_dir() or rep_dir.is_dir()
    # Sorted by name (one directory each): comparing Path objects costs a fifth of a status run.
    by_name = lambda p: p.name  # noqa: E731
    versioned_files = sorted((mig_dir if layered else path).glob("*.sql"), key=by_name)
    repeatable_files = sorted(rep_dir.glob("*.sql"), key=by_name) if layered else []

    forwards: dict[tuple[int, ...], list[tuple[Path, str, str]]] = {}
    backwards: dict[tuple[int, ...], list[Path]] = {}
    rep_forward: dict[str, tuple[Path, str]] = {}
    rep_back: dict[str, Path] = {}
    for file in versioned_files:
        info = _classify(file.name)
        if info is None:
            problems.append(
                f"{_display(file, base)}: cannot tell the version from the name (expected "
                "NNNN_slug.sql, NNNN_slug.rollback.sql, V1.2__desc.sql, U1.2__desc.sql or R__desc.sql)"
            )
            continue
        kind, version, desc, is_rb = info
        if kind == REPEATABLE:
            if is_rb:
                rep_back[file.stem.removesuffix(".rollback")] = file
            else:
                rep_forward[file.stem] = (file, desc)
            continue
        assert version is not None
        key = version_key(version)
        if is_rb:
            backwards.setdefault(key, []).append(file)
        else:
            forwards.setdefault(key, []).append((file, version, desc))
    for file in repeatable_files:
        stem = file.name[: -len(".sql")]
        if stem.endswith(".rollback"):
            rep_back[stem.removesuffix(".rollback")] = file
        else:
            m = _FLYWAY_R.match(file.name)
            rep_forward[stem] = (file, m.group("desc").replace("_", " ") if m else stem)

    versioned: list[Migration] = []
    for key in sorted(forwards):
        entries = forwards[key]
        if len(entries) > 1:
            names = ", ".join(_display(f, base) for f, _, _ in entries)
            problems.append(f"duplicate version {entries[0][1]}: {names}")
            continue
        file, version, desc = entries[0]
        rb_files = backwards.pop(key, [])
        if len(rb_files) > 1:
            problems.append(
                f"more than one rollback for version {version}: "
                + ", ".join(_display(f, base) for f in rb_files)
            )
        elif rb_files and not (
            rb_files[0].name.startswith("U")
            or rb_files[0].name == file.name.removesuffix(".sql") + ".rollback.sql"
        ):
            problems.append(
                f"{_display(rb_files[0], base)}: rollback file name does not match its migration "
                f"{file.name} (expected {file.name.removesuffix('.sql')}.rollback.sql)"
            )
        script = read_script(file, base, problems)
        rollback = read_script(rb_files[0], base, problems) if len(rb_files) == 1 else None
        if script is None:
            continue
        if script.directives.irreversible and rollback is not None:
            problems.append(f"{script.display}: declared irreversible but has a rollback file")
        versioned.append(Migration(VERSIONED, version, desc, script, rollback, file.stem, key))
    for _, files in sorted(backwards.items()):
        for f in files:
            problems.append(f"{_display(f, base)}: rollback file without its migration")

    repeatable: list[Migration] = []
    for stem in sorted(rep_forward):
        file, desc = rep_forward[stem]
        script = read_script(file, base, problems)
        rb = rep_back.pop(stem, None)
        rollback = read_script(rb, base, problems) if rb else None
        if script is not None:
            repeatable.append(Migration(REPEATABLE, None, desc, script, rollback, stem))
    for _, f in sorted(rep_back.items()):
        problems.append(f"{_display(f, base)}: rollback file without its repeatable migration")

    for m in versioned:
        for dep in m.script.directives.depends:
            target = next((o for o in versioned if o.ident == dep), None)
            if target is None:
                problems.append(f"{m.script.display}: depends on unknown migration {dep!r}")
            elif target.key >= m.key:
                problems.append(
                    f"{m.script.display}: depends on {dep!r}, which sorts after it; "
                    "rename so that dependencies come first"
                )
    if problems:
        raise SourceError(f"{_display(path, base)}: {len(problems)} problem(s) with migration files",
                          details=problems)
    return MigrationSet(path, versioned, repeatable, warnings)
