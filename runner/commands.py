"""One function per verb: the library API behind the CLI. Each returns plain data.

Every function takes a :class:`~runner.targets.Target` and raises only
:class:`~runner.errors.RunnerError` subclasses for problems a user can fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from psycopg import sql

from runner.apply import Reporter, Session, Step
from runner.connection import connect
from runner.errors import MigrationFailed, RunnerError, StateError
from runner.extensions import check_available
from runner.history import HistoryRow
from runner.locking import LockHolder, lock_holder, lock_key
from runner.plan import Plan, RollbackPlan, Status, compute_status, plan_migrate, plan_rollback
from runner.sources import Migration, MigrationSet, discover, version_key
from runner.targets import Target, admin_conninfo


def load(target: Target) -> MigrationSet:
    return discover(target.path, base=target.base)


@dataclass
class StatusReport:
    target: Target
    status: Status
    history_exists: bool
    lock_holder: LockHolder | None


def status(target: Target) -> StatusReport:
    migrations = load(target)
    history = target.history
    with connect(target.conninfo(), application_name="runner status") as conn:
        rows = history.rows(conn)
        exists = bool(rows) or history.exists(conn)
        holder = lock_holder(conn, lock_key(history.display))
    return StatusReport(target, compute_status(migrations, rows), exists, holder)


def history_rows(target: Target) -> list[HistoryRow]:
    with connect(target.conninfo(), application_name="runner history") as conn:
        return target.history.rows(conn)


@dataclass
class RunResult:
    target: Target
    plan: Plan | RollbackPlan
    steps: list[Step] = field(default_factory=list)
    dry_run: bool = False
    warnings: list[str] = field(default_factory=list)


def migrate(target: Target, *, to: str | None = None, dry_run: bool = False,
            out_of_order: bool = False, ignore_missing: bool = False,
            reporter: Reporter | None = None, lock_wait_ms: int | None = None) -> RunResult:
    """Apply pending versioned migrations (up to ``to``), then changed repeatables."""
    migrations = load(target)
    if to is not None and migrations.find(to) is None:
        raise StateError(f"--to {to}: no migration has that version")
    reporter = reporter or Reporter()
    if dry_run:
        report = status(target)
        plan = plan_migrate(report.status, to=to, out_of_order=out_of_order,
                            ignore_missing=ignore_missing)
        return RunResult(target, plan, dry_run=True)
    with Session(target.conninfo(), target.settings, reporter, "migrate", lock_wait_ms) as session:
        # Plan only once the lock is held: another runner may have just applied everything.
        current = compute_status(migrations, session.history.rows(session.conn))
        plan = plan_migrate(current, to=to, out_of_order=out_of_order, ignore_missing=ignore_missing)
        check_available(session.conn, plan.steps)
        result = RunResult(target, plan)
        _run(session, reporter, "apply", plan.steps, result)
        return result


def rollback(target: Target, *, to: str | None = None, steps: int | None = None,
             dry_run: bool = False, reporter: Reporter | None = None,
             lock_wait_ms: int | None = None) -> RunResult:
    """Roll back applied migrations newest first, each with its history row, in one transaction.

    Repeatable objects are taken down first (they may depend on what is rolled back) and, unless
    rolling back to nothing, applied again at the end.
    """
    migrations = load(target)
    if to is not None and version_key(to) != (0,) and migrations.find(to) is None:
        raise StateError(f"--to {to}: no migration has that version (use --to 0 for everything)")
    reporter = reporter or Reporter()
    if dry_run:
        plan = plan_rollback(status(target).status, to=to, steps=steps)
        return RunResult(target, plan, dry_run=True)
    with Session(target.conninfo(), target.settings, reporter, "rollback", lock_wait_ms) as session:
        current = compute_status(migrations, session.history.rows(session.conn))
        plan = plan_rollback(current, to=to, steps=steps)
        result = RunResult(target, plan)
        _run(session, reporter, "rollback", plan.repeatable + plan.versioned, result)
        if plan.reapply and plan.repeatable:
            after = compute_status(migrations, session.history.rows(session.conn))
            again = plan_migrate(after, ignore_missing=True, out_of_order=True).repeatable
            try:
                _run(session, reporter, "apply", again, result)
            except MigrationFailed as exc:
                # The rollback itself succeeded; a repeatable that needs the newer schema
                # simply waits for the next migrate, and status shows it pending.
                d = exc.diagnostic
                result.warnings.append(
                    f"{exc.script} could not be re-applied at this version "
                    f"({d.sqlstate + ' ' + d.message if d else exc.message}); "
                    "it and the repeatables after it stay pending until the next migrate")
        return result


def _run(session: Session, reporter: Reporter, action: str, migrations: list[Migration],
         result: RunResult) -> None:
    """Apply or roll back ``migrations`` in order, reporting progress and recording each step."""
    for index, migration in enumerate(migrations, start=1):
        reporter.begin(action, migration, index, len(migrations))
        step = session.apply(migration) if action == "apply" else session.rollback(migration)
        result.steps.append(step)
        reporter.end(action, migration, step.ms)


@dataclass
class RepairReport:
    cleared_failed: list[str]
    accepted: list[str]
    invalid_indexes: list[str]


def repair(target: Target, *, accept_checksums: bool = False) -> RepairReport:
    """Clear failed records (listing leftovers) and, if asked, accept edited files' checksums."""
    migrations = load(target)
    with Session(target.conninfo(), target.settings, Reporter(), "repair") as session:
        conn = session.conn
        current = compute_status(migrations, session.history.rows(conn))
        accepted = []
        with conn.transaction():
            cleared = session.history.delete_failed(conn)
            if accept_checksums:
                for entry in current.where("changed", "outdated"):
                    if entry.row and entry.migration and entry.kind != "repeatable":
                        session.history.update_checksum(conn, entry.row.installed_rank,
                                                        entry.migration.script.checksum)
                        accepted.append(entry.script)
        invalid = [r[0] for r in conn.execute(
            "SELECT format('%s (on %s)', indexrelid::regclass, indrelid::regclass) "
            "FROM pg_index WHERE NOT indisvalid ORDER BY 1").fetchall()]
    return RepairReport(cleared, accepted, invalid)


@dataclass
class BaselineReport:
    recorded: list[str]
    skipped: list[str]
    warnings: list[str]


def baseline(target: Target, *, version: str | None = None, from_tool: str | None = None,
             from_table: str | None = None) -> BaselineReport:
    """Record existing migrations as applied without running them (adopting a database)."""
    from runner.adopt import previous_tool_history

    migrations = load(target)
    if version is None and from_tool is None:
        raise RunnerError("give --version V, or --from yoyo|flyway to read that tool's history")
    if version is not None and migrations.find(version) is None:
        raise StateError(f"--version {version}: no migration has that version")
    with Session(target.conninfo(), target.settings, Reporter(), "baseline") as session:
        conn = session.conn
        current = compute_status(migrations, session.history.rows(conn))
        applied_keys = {e.migration.key for e in current.entries
                        if e.migration and e.row is not None and e.kind == "versioned"}
        warnings: list[str] = []
        if from_tool is not None:
            chosen, repeatables, warnings = previous_tool_history(conn, migrations, from_tool, from_table)
        else:
            limit = version_key(version or "0")
            chosen, repeatables = [m for m in migrations.versioned if m.key <= limit], []
        recorded, skipped = [], []
        with conn.transaction():
            for m in chosen:
                if m.key in applied_keys:
                    skipped.append(m.script.display)
                    continue
                session.history.insert(conn, version=m.version, description=m.description,
                                       kind="baseline", script=m.script.display,
                                       checksum=m.script.checksum, execution_ms=0, success=True)
                recorded.append(m.script.display)
            for m in repeatables:
                session.history.insert(conn, version=None, description=m.description,
                                       kind="repeatable", script=m.script.display,
                                       checksum=m.script.checksum, execution_ms=0, success=True)
                recorded.append(m.script.display)
    return BaselineReport(recorded, skipped, warnings)


def new(target: Target, slug: str) -> list[Path]:
    """Create the next numbered migration and its rollback file from a template."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_]*", slug):
        raise RunnerError(f"slug {slug!r}: use lower-case letters, digits and underscores")
    migrations = load(target)
    directory = target.path / "migrations" if (target.path / "migrations").is_dir() or not any(
        target.path.glob("*.sql")) else target.path
    directory.mkdir(parents=True, exist_ok=True)
    last = migrations.versioned[-1] if migrations.versioned else None
    if migrations.latest_style() == "flyway":
        width = len(last.version or "") if last and (last.version or "").isdigit() else 1
        number = (last.key[0] + 1) if last else 1
        version = str(number).zfill(width)
        forward = directory / f"V{version}__{slug}.sql"
        backward = directory / f"U{version}__{slug}.sql"
    else:
        width = max(4, len(last.version or "")) if last and (last.version or "").isdigit() else 4
        number = (last.key[0] + 1) if last else 1
        version = str(number).zfill(width)
        forward = directory / f"{version}_{slug}.sql"
        backward = directory / f"{version}_{slug}.rollback.sql"
    for path in (forward, backward):
        if path.exists():
            raise RunnerError(f"{path} already exists")
    title = slug.replace("_", " ")
    forward.write_text(
        f"-- What: {title}.\n-- Why:  TODO explain why this change is needed.\n\n"
        f"-- Write the change here, with schema-qualified names.\n"
    )
    backward.write_text(
        f"-- Rollback of {forward.name}: undo exactly what it does, newest change first.\n\n"
    )
    return [forward, backward]


def reset(target: Target, *, yes: bool, reporter: Reporter | None = None) -> RunResult:
    """Drop, recreate and migrate a development database."""
    if not yes:
        raise RunnerError(f"reset drops database {target.dbname!r} and everything in it; "
                          "pass --yes to confirm")
    if not target.is_local and not target.url:
        raise RunnerError("reset needs an explicit database (configured or --url)")
    dbname = target.dbname if target.is_local else _dbname(target)
    with connect(admin_conninfo(target), application_name="runner reset") as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
    return migrate(target, reporter=reporter)


def _dbname(target: Target) -> str:
    from runner.connection import dbname_of

    name = dbname_of(target.url or "")
    if not name or name == "postgres":
        raise RunnerError("reset refuses to drop the maintenance database 'postgres' or an unnamed one")
    return name
