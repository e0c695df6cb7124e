"""Offline checks of migration files: no server needed, every problem reported together.

* names, versions, directives, meta-commands, transaction control (from ``sources.discover``);
* every statement of every file parses with PostgreSQL's own parser (pglast);
* every versioned migration has a rollback file unless it declares ``-- runner: irreversible``;
* every ``SECURITY DEFINER`` function pins ``search_path``;
* every table created in a schema declared as holding user data gets row-level security;
* unsafe DDL for live databases, by squawk (the field's PostgreSQL migration linter), as
  warnings or, if configured, errors.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from runner.errors import SourceError
from runner.findings import ERROR, WARNING, Finding, from_text
from runner.sources import MigrationSet, Script, discover
from runner.sqltext import line_col, syntax_error

# squawk rules about locking and rewriting live tables. Style rules (prefer-bigint, …) and rules
# the runner already satisfies (lock/statement timeouts, running in a transaction) are not used.
UNSAFE_DDL_RULES = (
    "require-concurrent-index-creation", "require-concurrent-index-deletion", "adding-required-field",
    "constraint-missing-not-valid", "adding-foreign-key-constraint", "changing-column-type",
    "adding-field-with-default", "adding-serial-primary-key-field", "disallowed-unique-constraint",
    "renaming-column", "renaming-table", "ban-drop-column", "ban-drop-table", "ban-drop-database",
    "adding-not-nullable-field", "ban-alter-domain-with-add-constraint", "ban-create-domain-with-constraint",
)


def _parsed(scripts: list[Script]) -> Iterator[tuple[Script, Any]]:
    """(script, raw statement) for every statement of every script that parses (check_syntax
    reports those that do not)."""
    from pglast import parser

    for s in scripts:
        try:
            stmts = parser.parse_sql(s.text)
        except parser.ParseError:
            continue
        for raw in stmts:
            yield s, raw


def _all_scripts(migrations: MigrationSet) -> list[Script]:
    out: list[Script] = []
    for m in migrations.versioned + migrations.repeatable:
        out.append(m.script)
        if m.rollback:
            out.append(m.rollback)
    return out


def check_syntax(scripts: list[Script]) -> list[Finding]:
    found = []
    for s in scripts:
        error = syntax_error(s.text)
        if error:
            found.append(Finding("syntax", error[2], ERROR, s.display, error[0], error[1]))
    return found


def check_rollbacks(migrations: MigrationSet) -> list[Finding]:
    return [
        Finding("rollback-missing", "no rollback file (add one, or declare '-- runner: irreversible' "
                "if the change cannot be undone)", ERROR, m.script.display, 1)
        for m in migrations.versioned
        if m.rollback is None and not m.script.directives.irreversible
    ]


def _option(options, name: str):  # type: ignore[no-untyped-def]
    for opt in options or ():
        if getattr(opt, "defname", None) == name:
            return opt.arg
    return None


def _offset_line(text: str, offset: int) -> tuple[int, int]:
    offset += len(text[offset:]) - len(text[offset:].lstrip())
    return line_col(text, offset)


def check_security_definer(scripts: list[Script]) -> list[Finding]:
    found = []
    for s, raw in _parsed([s for s in scripts if "definer" in s.text.lower()]):
        node = raw.stmt
        if type(node).__name__ != "CreateFunctionStmt":
            continue
        security = _option(node.options, "security")
        if not (security is not None and getattr(security, "boolval", False)):
            continue
        pinned = any(getattr(opt, "defname", None) == "set"
                     and getattr(opt.arg, "name", "") == "search_path" for opt in node.options or ())
        if not pinned:
            name = ".".join(n.sval for n in node.funcname)
            line, col = _offset_line(s.text, raw.stmt_location)
            found.append(Finding(
                "security-definer", f"SECURITY DEFINER function {name} does not pin search_path "
                "(add SET search_path = pg_catalog, pg_temp and schema-qualify every name)",
                ERROR, s.display, line, col))
    return found


def check_rls(migrations: MigrationSet, user_data_schemas: tuple[str, ...],
              exempt: tuple[str, ...] = ()) -> list[Finding]:
    """Tables created in a user-data schema must have row-level security enabled somewhere
    (``exempt`` lists ``schema.table`` reference tables that hold no user data)."""
    if not user_data_schemas:
        return []
    created: dict[tuple[str, str], tuple[str, int, int]] = {}
    enabled: set[tuple[str, str]] = set()
    for s, raw in _parsed([m.script for m in migrations.versioned + migrations.repeatable]):
        node = raw.stmt
        kind = type(node).__name__
        if kind == "CreateStmt" and node.partbound is None and node.relation.schemaname in user_data_schemas:
            line, col = _offset_line(s.text, raw.stmt_location)
            created[(node.relation.schemaname, node.relation.relname)] = (s.display, line, col)
        elif kind == "AlterTableStmt":
            rel = node.relation
            for cmd in node.cmds or ():
                if getattr(cmd.subtype, "name", "") == "AT_EnableRowSecurity":
                    enabled.add((rel.schemaname or "public", rel.relname))
    return [
        Finding("rls", f"table {schema}.{table} holds user data (schema {schema} is listed in "
                "user_data_schemas) but row-level security is never enabled on it", ERROR, *where)
        for (schema, table), where in sorted(created.items())
        if (schema, table) not in enabled and f"{schema}.{table}" not in exempt
    ]


def _squawk() -> str | None:
    beside = Path(sys.executable).parent / "squawk"
    return str(beside) if beside.is_file() else shutil.which("squawk")


def check_unsafe_ddl(migrations: MigrationSet, severity: str) -> list[Finding]:
    squawk = _squawk()
    if squawk is None:
        return [Finding("unsafe-ddl", "squawk is not installed (pip install squawk-cli): unsafe DDL not checked",
                        WARNING)]
    files = {str(m.script.path): m.script.display for m in migrations.versioned}
    if not files:
        return []
    found: list[Finding] = []
    transactional = [str(m.script.path) for m in migrations.versioned if m.script.directives.transactional]
    autocommit = [p for p in files if p not in transactional]
    for paths, in_txn in ((transactional, True), (autocommit, False)):
        if not paths:
            continue
        cmd = [squawk, "--reporter", "json", "--pg-version", "15",
               "--assume-in-transaction" if in_txn else "--no-assume-in-transaction",
               "--exclude", ",".join(_all_rules_except()), *paths]
        done = subprocess.run(cmd, capture_output=True, text=True)
        try:
            reports = json.loads(done.stdout or "[]")
        except json.JSONDecodeError:
            return [Finding("unsafe-ddl", f"squawk failed: {done.stderr.strip()[:300]}", WARNING)]
        for r in reports:
            if r.get("rule_name") not in UNSAFE_DDL_RULES:
                continue
            help_text = f" ({r['help']})" if r.get("help") else ""
            found.append(Finding("unsafe-ddl", f"{r['message']}{help_text} [squawk: {r['rule_name']}]", severity,
                                 files.get(r["file"], r["file"]), int(r["line"]) + 1, int(r["column"]) + 1))
    return found


def _all_rules_except() -> list[str]:
    """squawk rules to switch off: the timeout and robustness rules the runner makes moot."""
    return ["prefer-robust-stmts", "require-lock-timeout", "require-statement-timeout", "transaction-nesting",
            "prefer-bigint-over-int", "prefer-bigint-over-smallint", "prefer-identity", "prefer-text-field",
            "prefer-timestamptz", "ban-char-field"]


def lint(path: Path, *, base: Path | None = None, user_data_schemas: tuple[str, ...] = (),
         rls_exempt: tuple[str, ...] = (), unsafe_ddl: str = WARNING) -> tuple[MigrationSet | None, list[Finding]]:
    """Run every offline check; return the migrations (None if the files cannot be read) and findings."""
    try:
        migrations = discover(path, base=base)
    except SourceError as exc:
        return None, [from_text("files", d) for d in exc.details] or [Finding("files", exc.message)]
    scripts = _all_scripts(migrations)
    findings = (check_syntax(scripts) + check_rollbacks(migrations) + check_security_definer(scripts)
                + check_rls(migrations, user_data_schemas, rls_exempt) + check_unsafe_ddl(migrations, unsafe_ddl))
    return migrations, findings
