"""What state each migration is in, and what a run would do: pure functions of files and history.

States: ``applied``, ``pending``, ``changed`` (applied file edited since: drift), ``failed`` (a
no-transaction migration that did not finish), ``missing`` (applied, file gone), ``outdated``
(a repeatable whose file changed since its last application).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from runner.errors import StateError
from runner.history import HistoryRow
from runner.sources import Migration, MigrationSet, version_key

APPLIED, PENDING, CHANGED, FAILED, MISSING, OUTDATED = (
    "applied", "pending", "changed", "failed", "missing", "outdated"
)


@dataclass
class Entry:
    """One line of ``runner status``: a migration (or an orphan history row) and its state."""

    state: str
    migration: Migration | None
    row: HistoryRow | None

    @property
    def version(self) -> str | None:
        if self.migration:
            return self.migration.version
        return self.row.version if self.row else None

    @property
    def description(self) -> str:
        if self.migration:
            return self.migration.description
        return self.row.description if self.row else ""

    @property
    def kind(self) -> str:
        if self.migration:
            return self.migration.kind
        return self.row.kind if self.row else ""

    @property
    def script(self) -> str:
        if self.migration:
            return self.migration.script.display
        return self.row.script if self.row else ""


@dataclass
class Status:
    """Everything ``runner status`` shows for one database."""

    entries: list[Entry]
    out_of_order: list[Migration] = field(default_factory=list)

    def where(self, *states: str) -> list[Entry]:
        return [e for e in self.entries if e.state in states]

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.entries:
            out[e.state] = out.get(e.state, 0) + 1
        return out

    @property
    def current_version(self) -> str | None:
        applied = [e for e in self.entries if e.state in (APPLIED, CHANGED) and e.kind != "repeatable"
                   and e.version]
        return max(applied, key=lambda e: version_key(e.version or "0")).version if applied else None


def compute_status(migrations: MigrationSet, rows: list[HistoryRow]) -> Status:
    by_version: dict[tuple[int, ...], HistoryRow] = {}
    repeat_rows: dict[str, HistoryRow] = {}
    for row in rows:
        if row.version is not None:
            by_version[version_key(row.version)] = row
        elif row.success or row.description not in repeat_rows:
            repeat_rows[row.description] = row  # the latest successful application wins
    entries: list[Entry] = []
    known = set()
    max_applied: tuple[int, ...] | None = None
    for key, row in by_version.items():
        if row.success:
            max_applied = key if max_applied is None or key > max_applied else max_applied
    out_of_order: list[Migration] = []
    for m in migrations.versioned:
        known.add(m.key)
        row = by_version.get(m.key)
        if row is None:
            entries.append(Entry(PENDING, m, None))
            if max_applied is not None and m.key < max_applied:
                out_of_order.append(m)
        elif not row.success:
            entries.append(Entry(FAILED, m, row))
        elif row.checksum != m.script.checksum:
            entries.append(Entry(CHANGED, m, row))
        else:
            entries.append(Entry(APPLIED, m, row))
    for key, row in by_version.items():
        if key not in known:
            entries.append(Entry(FAILED if not row.success else MISSING, None, row))
    entries.sort(key=lambda e: version_key(e.version) if e.version else (1 << 62,))
    for m in migrations.repeatable:
        row = repeat_rows.pop(m.description, None)
        if row is None:
            entries.append(Entry(PENDING, m, None))
        elif not row.success:
            entries.append(Entry(FAILED, m, row))
        elif row.checksum != m.script.checksum:
            entries.append(Entry(OUTDATED, m, row))
        else:
            entries.append(Entry(APPLIED, m, row))
    for row in repeat_rows.values():
        entries.append(Entry(MISSING, None, row))
    return Status(entries, out_of_order)


@dataclass
class Plan:
    versioned: list[Migration]
    repeatable: list[Migration]

    @property
    def steps(self) -> list[Migration]:
        return self.versioned + self.repeatable


def plan_migrate(status: Status, *, to: str | None = None, out_of_order: bool = False,
                 ignore_missing: bool = False) -> Plan:
    """What ``migrate`` would run, or a :class:`StateError` explaining why it must not run."""
    problems: list[str] = []
    failed = status.where(FAILED)
    if failed:
        problems += [f"failed: {e.script} (recorded {e.row.applied_at:%Y-%m-%d %H:%M}; it did "
                     "not finish and may have left objects behind)" for e in failed if e.row]
    changed = status.where(CHANGED)
    problems += [f"changed since applied: {e.script} (recorded checksum {e.row.checksum[:12]}…, "
                 f"file now {e.migration.script.checksum[:12]}…)" for e in changed
                 if e.row and e.migration]
    missing = [e for e in status.where(MISSING) if e.kind != "repeatable"]
    if missing and not ignore_missing:
        problems += [f"applied but not on disk: {e.version} {e.description} ({e.script})"
                     for e in missing]
    if status.out_of_order and not out_of_order:
        problems += [f"pending but older than the newest applied migration: {m.script.display}"
                     for m in status.out_of_order]
    if problems:
        hints = []
        if failed:
            hints.append("inspect the database, then `runner repair DB` (it lists leftovers such as "
                         "invalid indexes and clears the failed record so the migration runs again)")
        if changed:
            hints.append("restore the applied file, or accept the edit with "
                         "`runner repair DB --accept-checksums`")
        if missing and not ignore_missing:
            hints.append("is this checkout older than the database? (--ignore-missing to proceed)")
        if status.out_of_order and not out_of_order:
            hints.append("rename the file to a newer version, or pass --out-of-order")
        raise StateError("refusing to migrate", details=problems, hint="; ".join(hints))
    limit = version_key(to) if to is not None else None
    versioned = [e.migration for e in status.where(PENDING)
                 if e.migration and e.kind == "versioned" and (limit is None or e.migration.key <= limit)]
    chosen = {id(m) for m in versioned}  # identity, not dataclass equality: linear, not quadratic
    remaining = [e for e in status.where(PENDING) if e.kind == "versioned"
                 and e.migration and id(e.migration) not in chosen]
    repeatable = [] if remaining else [
        e.migration for e in status.entries
        if e.kind == "repeatable" and e.migration and e.state in (PENDING, OUTDATED)
    ]
    return Plan(versioned, repeatable)


@dataclass
class RollbackPlan:
    versioned: list[Migration]  # newest first
    repeatable: list[Migration]  # repeatables to take down first (reverse order)
    reapply: bool  # re-apply repeatables afterwards (not when rolling back to nothing)


def plan_rollback(status: Status, *, to: str | None = None, steps: int | None = None) -> RollbackPlan:
    if (to is None) == (steps is None):
        raise StateError("give exactly one of --to VERSION or --steps N")
    if steps is not None and steps < 1:
        raise StateError(f"--steps must be at least 1, got {steps}")
    problems = [f"failed: {e.script}" for e in status.where(FAILED)]
    problems += [f"changed since applied: {e.script}" for e in status.where(CHANGED)]
    applied = [e for e in status.entries if e.kind == "versioned" and e.state == APPLIED]
    applied.sort(key=lambda e: e.migration.key if e.migration else (), reverse=True)
    if to is not None:
        limit = version_key(to)
        chosen = [e for e in applied if e.migration and e.migration.key > limit]
        orphans = [e for e in status.where(MISSING) if e.kind != "repeatable" and e.version
                   and version_key(e.version) > limit]
        problems += [f"applied but not on disk, cannot roll back: {e.version} {e.description}"
                     for e in orphans]
    else:
        chosen = applied[:steps]
    versioned = [e.migration for e in chosen if e.migration]
    for m in versioned:
        if m.script.directives.irreversible:
            problems.append(f"{m.script.display} is declared irreversible")
        elif m.rollback is None:
            problems.append(f"{m.script.display} has no rollback file")
    full = to is not None and version_key(to) == (0,)
    applied_rep = [e.migration for e in status.entries if e.kind == "repeatable" and e.migration
                   and e.state in (APPLIED, OUTDATED)]
    if full:
        problems += [f"{m.script.display} (repeatable) has no rollback file, so the database "
                     "cannot be rolled back to nothing" for m in applied_rep if m.rollback is None]
    if problems:
        raise StateError("refusing to roll back; nothing was run", details=problems)
    repeatable = [m for m in reversed(applied_rep) if m.rollback is not None] if versioned else []
    return RollbackPlan(versioned, repeatable, reapply=not full)
