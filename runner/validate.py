"""``runner validate``: prove a database's migrations before they reach production.

1. offline checks (``runner.lint``);
2. the round trip on a scratch database: apply each migration, roll each back checking that the
   catalog equals the snapshot taken before it was applied, apply everything again;
3. the committed ``schema.sql`` equals what the migrations produce;
4. the pgTAP files in ``tests/sql/<db>/`` pass against the migrated, seeded scratch database;
5. optionally, drift of a live database (``--against URL``) from what the migrations produce.
"""

from __future__ import annotations

import dataclasses
import difflib
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from psycopg import sql

from runner import catalog, pgtap
from runner.apply import Session
from runner.connection import connect, redact, with_dbname
from runner.dump import schema_sql
from runner.errors import MigrationFailed, RunnerError
from runner.findings import ERROR, WARNING, Finding
from runner.lint import lint
from runner.plan import compute_status
from runner.seed import load_seed
from runner.sources import Migration, MigrationSet
from runner.targets import Target, admin_conninfo

DIFF_LINES = 60


@dataclass
class CheckResult:
    name: str
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0
    skipped: str | None = None

    @property
    def ok(self) -> bool:
        return not any(f.severity == ERROR for f in self.findings)


@dataclass
class ValidationReport:
    database: str
    checks: list[CheckResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)


@contextmanager
def scratch_database(target: Target) -> Iterator[str]:
    """A new empty database on the target's server, dropped afterwards."""
    admin = admin_conninfo(target)
    name = f"{target.name}_scratch_{uuid.uuid4().hex[:8]}"
    with connect(admin, application_name="runner validate") as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield with_dbname(admin, name)
    finally:
        with connect(admin, application_name="runner validate") as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _failed(exc: MigrationFailed) -> Finding:
    loc = exc.location
    d = exc.diagnostic
    message = f"{exc.message}: {d.sqlstate} {d.message}" if d else exc.message
    return Finding("round-trip", message, ERROR, loc.path if loc else exc.script,
                   loc.line if loc else None, loc.column if loc else None)


def _diff_text(lines: list[str]) -> str:
    shown = lines[:DIFF_LINES]
    more = f"\n  … {len(lines) - DIFF_LINES} more" if len(lines) > DIFF_LINES else ""
    return "\n".join("  " + line for line in shown) + more


def _reapply(session: Session, pending: list[Migration], findings: list[Finding],
             full: catalog.Snapshot) -> tuple[list[Finding], catalog.Snapshot | None]:
    """Back to everything applied after the round trip stopped, so that the schema.sql and pgTAP
    checks that follow judge the whole schema, not the half rolled back one. When that fails
    (a rollback that left an object behind makes its migration fail again), the snapshot is
    withheld and those checks are skipped, which a warning says."""
    try:
        for m in pending:
            session.apply(m)
    except MigrationFailed as exc:
        d = exc.diagnostic
        why = f"{d.sqlstate} {d.message}" if d else exc.message
        return findings + [Finding("round-trip", f"the schema.sql and pgTAP checks were skipped: {exc.script} "
                                   f"failed when applied again after the rollback ({why})", WARNING, exc.script)], None
    return findings, full


def round_trip(conninfo: str, target: Target, migrations: MigrationSet) -> tuple[list[Finding], catalog.Snapshot | None]:
    """Apply one by one, undo one by one comparing catalogs, apply again. Returns findings and the
    snapshot of the fully migrated database (None if applying failed)."""
    history = target.history.display
    findings: list[Finding] = []
    with Session(conninfo, target.settings, command="validate") as session:
        def snap() -> catalog.Snapshot:
            return catalog.snapshot(session.conn, exclude_tables=(history,))

        before: list[catalog.Snapshot] = []
        try:
            for m in migrations.versioned:
                before.append(snap())
                session.apply(m)
            versioned_only = snap()
            for m in migrations.repeatable:
                session.apply(m)
        except MigrationFailed as exc:
            return [_failed(exc)], None
        full = snap()
        try:
            if all(m.rollback for m in migrations.repeatable):
                for m in reversed(migrations.repeatable):
                    session.rollback(m)
                wrong = catalog.diff(versioned_only, snap())
                if wrong:
                    return _reapply(session, migrations.repeatable, [Finding(
                        "round-trip", "the repeatable rollback files do not undo the repeatable files:\n"
                        + _diff_text(wrong), ERROR, migrations.repeatable[0].rollback.display)], full)
            else:
                missing = [m.script.display for m in migrations.repeatable if not m.rollback]
                return [Finding("round-trip", "cannot roll back: repeatable files without rollback files: "
                                + ", ".join(missing), ERROR, missing[0])], full
            rolled_back: list[Migration] = []
            for m, expected in reversed(list(zip(migrations.versioned, before, strict=True))):
                if m.rollback is None:
                    findings.append(Finding("round-trip", f"round trip stops at {m.script.display}: it has no "
                                            "rollback file", WARNING if m.script.directives.irreversible else ERROR,
                                            m.script.display))
                    return _reapply(session, [*reversed(rolled_back), *migrations.repeatable], findings, full)
                session.rollback(m)
                rolled_back.append(m)
                wrong = catalog.diff(expected, snap())
                if wrong:
                    findings.append(Finding(
                        "round-trip", f"does not undo {m.script.display} (- what was there before it, "
                        f"+ what its rollback leaves):\n{_diff_text(wrong)}", ERROR, m.rollback.display))
                    return _reapply(session, [*reversed(rolled_back), *migrations.repeatable], findings, full)
            for m in migrations.versioned + migrations.repeatable:
                session.apply(m)
        except MigrationFailed as exc:
            return findings + [_failed(exc)], full
        again = catalog.diff(full, snap())
        if again:
            findings.append(Finding("round-trip", "applying everything again after the full rollback builds a "
                                    f"different schema:\n{_diff_text(again)}", ERROR))
    return findings, full


def schema_file_check(conninfo: str, target: Target) -> list[Finding]:
    path = target.path / "schema.sql"
    produced = schema_sql(conninfo, target.history.display, target.dump_exclude)
    shown = _shown(path, target)
    if not path.is_file():
        return [Finding("schema-file", f"{shown} is missing; run `runner dump {target.name}` and commit it", ERROR, shown)]
    committed = path.read_text(encoding="utf-8")
    if committed == produced:
        return []
    delta = list(difflib.unified_diff(committed.splitlines(), produced.splitlines(), "committed", "migrations",
                                      lineterm="", n=1))
    return [Finding("schema-file", f"{shown} differs from what the migrations produce; run `runner dump "
                    f"{target.name}` and commit the result:\n" + _diff_text(delta[2:]), ERROR, shown)]


def _shown(path, target: Target) -> str:  # type: ignore[no-untyped-def]
    try:
        return str(path.relative_to(target.base)) if target.base else str(path)
    except ValueError:
        return str(path)


def pgtap_checks(conninfo: str, target: Target) -> list[CheckResult]:
    files = sorted(target.tests_path.glob("*.sql")) if target.tests_path and target.tests_path.is_dir() else []
    if not files:
        return []
    start = time.perf_counter()
    setup = CheckResult("pgTAP set-up")
    try:
        if target.seed_path and target.seed_path.is_dir():
            load_seed(conninfo, target.seed_path)
        with connect(conninfo, application_name="runner validate") as conn:
            if not conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pgtap'").fetchone():
                setup.findings.append(Finding("pgtap", "the pgTAP extension is not installed on this server "
                                              "(Debian: apt-get install postgresql-15-pgtap)", ERROR))
                return [setup]
            conn.execute("CREATE EXTENSION IF NOT EXISTS pgtap")
    except RunnerError as exc:
        setup.findings.append(Finding("pgtap", f"loading the seed data failed: {exc}", ERROR))
        return [setup]
    results = []
    for path in files:
        t0 = time.perf_counter()
        shown = _shown(path, target)
        tap = pgtap.run_file(conninfo, path, display=shown)
        check = CheckResult(f"pgTAP {path.name}", seconds=round(time.perf_counter() - t0, 3))
        if not tap.ok:
            details = [f"#{f.number} {f.description}" + "".join(f"\n    {d}" for d in f.diagnostics[:6])
                       for f in tap.failures[:20]]
            check.findings.append(Finding("pgtap", tap.summary() + ("\n  " + "\n  ".join(details) if details else ""),
                                          ERROR, shown))
        results.append(check)
    setup.seconds = round(time.perf_counter() - start, 3)
    return results


def drift_check(target: Target, live_url: str, migrations: MigrationSet, produced: catalog.Snapshot) -> list[Finding]:
    """Compare a live database with the files and with what the migrations produce. Read-only."""
    history = target.history
    findings: list[Finding] = []
    with connect(live_url, application_name="runner validate --against") as conn:
        conn.read_only = True
        status = compute_status(migrations, history.rows(conn))
        live = catalog.snapshot(conn, exclude_tables=(history.display,))
    for e in status.entries:
        if e.state != "applied":
            findings.append(Finding("drift", f"{e.state}: {e.script or e.description}", ERROR, e.script or None))
    extra = catalog.diff(produced, live)
    if extra:
        findings.append(Finding("drift", f"{redact(live_url)} differs from what the migrations produce "
                                "(- expected but missing, + present but not produced by any migration):\n"
                                + _diff_text(extra), ERROR))
    return findings


def validate(target: Target, *, against: str | None = None, tests: bool = True,
             schema_file: bool = True) -> ValidationReport:
    report = ValidationReport(target.name)
    t0 = time.perf_counter()
    migrations, offline = lint(target.path, base=target.base, user_data_schemas=target.user_data_schemas,
                               rls_exempt=target.rls_exempt, unsafe_ddl=target.settings.unsafe_ddl)
    report.checks.append(CheckResult("offline checks", offline, round(time.perf_counter() - t0, 3)))
    if migrations is None:
        return report
    with scratch_database(target) as scratch:
        t0 = time.perf_counter()
        found, produced = round_trip(scratch, target, migrations)
        report.checks.append(CheckResult("round trip", found, round(time.perf_counter() - t0, 3)))
        if produced is None:
            return report
        if schema_file:
            t0 = time.perf_counter()
            report.checks.append(CheckResult("schema.sql", schema_file_check(scratch, target),
                                             round(time.perf_counter() - t0, 3)))
        if against:
            t0 = time.perf_counter()
            report.checks.append(CheckResult("drift", drift_check(target, against, migrations, produced),
                                             round(time.perf_counter() - t0, 3)))
        if tests:
            report.checks.extend(pgtap_checks(scratch, target))
    return report


def dump(target: Target) -> str:
    """Write ``sql/<db>/schema.sql`` from a scratch database built by the migrations; return its path."""
    from runner import commands

    with scratch_database(target) as scratch:
        commands.migrate(dataclasses.replace(target, url=scratch, _conninfo=None))
        text = schema_sql(scratch, target.history.display, target.dump_exclude)
    path = target.path / "schema.sql"
    path.write_text(text, encoding="utf-8")
    return _shown(path, target)

