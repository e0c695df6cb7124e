"""Presentation: rich tables and progress for people, JSON for CI. Only the CLI imports this."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from runner.apply import Reporter
from runner.commands import RunResult, StatusReport
from runner.errors import MigrationFailed, RunnerError
from runner.history import HistoryRow
from runner.locking import LockHolder
from runner.plan import RollbackPlan
from runner.sources import Migration

if TYPE_CHECKING:  # rich.progress and rich.syntax (pygments) load only when used
    from rich.progress import Progress

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

STATUS_ROWS = 40  # rows of the status table before it is cut short (use -v for all)
STATE_STYLE = {"applied": "green", "pending": "yellow", "changed": "bold red", "failed": "bold red",
               "missing": "magenta", "outdated": "yellow"}


def print_json(payload: Any) -> None:
    print(json.dumps(payload, indent=2, default=_json_default))


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def error(exc: RunnerError) -> None:
    err.print(f"[bold red]error:[/] {escape(exc.message)}")
    if isinstance(exc, MigrationFailed):
        loc = exc.location
        if loc:
            err.print(f"  [bold]{escape(str(loc))}[/]")
            if loc.text:
                err.print(f"  {loc.line:>5} | {escape(loc.text)}")
                if loc.column:
                    err.print("        | " + " " * (loc.column - 1) + "[bold red]^[/]")
        d = exc.diagnostic
        if d:
            err.print(f"  [red]{d.severity} {d.sqlstate}[/]: {escape(d.message)}")
            for label, value in (("detail", d.detail), ("hint", d.hint), ("context", d.context)):
                if value:  # a multi-line context (one line per call frame) stays indented
                    indent = "\n" + " " * (len(label) + 4)
                    err.print(f"  {label}: {escape(indent.join(value.splitlines()))}")
    for line in exc.details:
        err.print(f"  {escape(line)}")
    if exc.hint:
        err.print(f"[cyan]hint:[/] {escape(exc.hint)}")


class ConsoleReporter(Reporter):
    """Progress while applying: a bar for many files, a line per file otherwise."""

    def __init__(self, name: str, *, verbose: bool = False):
        self.name = name
        self.verbose = verbose
        self.progress: Progress | None = None
        self.task: Any = None

    def lock_wait(self, holder: LockHolder | None) -> None:
        who = str(holder) if holder else "another session"
        err.print(f"[yellow]{self.name}: waiting for the migration lock held by {escape(who)}[/]")

    def begin(self, action: str, migration: Migration, index: int, total: int) -> None:
        if total > 5 and out.is_terminal and self.progress is None:
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(TextColumn("{task.description}"), BarColumn(),
                                     TextColumn("{task.completed}/{task.total}"),
                                     TimeElapsedColumn(), console=out, transient=True)
            self.progress.start()
            self.task = self.progress.add_task(f"{self.name}: {action}", total=total)
        if self.progress is not None:
            self.progress.update(self.task, description=f"{self.name}: {action} {migration.label}")

    def end(self, action: str, migration: Migration, ms: int) -> None:
        verb = "applied" if action == "apply" else "rolled back"
        if self.progress is not None:
            self.progress.advance(self.task)
            if self.progress.finished:
                self.progress.stop()
                self.progress = None
        if self.verbose or self.progress is None:
            if out.is_terminal:
                out.print(f"  {verb} {escape(migration.script.display)} [dim]({ms} ms)[/]")
            else:  # a CI log: plain text, without rich's rendering cost on every file
                out.file.write(f"  {verb} {migration.script.display} ({ms} ms)\n")

    def retry(self, migration: Migration, attempt: int, reason: str, delay_ms: int,
              blockers: list[str]) -> None:
        err.print(f"[yellow]{self.name}: {reason} in {escape(migration.script.display)} "
                  f"(attempt {attempt}); retrying in {delay_ms / 1000:g}s[/]")
        for b in blockers:
            err.print(f"  [yellow]blocked by {escape(b)}[/]")

    def notice(self, message: str) -> None:
        if self.verbose:
            err.print(f"  [dim]{escape(message)}[/]")

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def run_result(result: RunResult, *, verbose: bool = False) -> None:
    name = result.target.name
    plan = result.plan
    rolling = isinstance(plan, RollbackPlan)
    if result.dry_run:
        steps = plan.repeatable + plan.versioned if isinstance(plan, RollbackPlan) else plan.steps
        if not steps:
            out.print(f"{name}: nothing to {'roll back' if rolling else 'apply'}")
            return
        out.print(f"{name}: would {'roll back' if rolling else 'apply'} {len(steps)} file(s), in this order:")
        for m in steps:
            script = m.rollback if rolling and m.rollback else m.script
            flags = "" if script.directives.transactional else " [yellow](no-transaction)[/]"
            out.print(f"  {escape(script.display)}{flags}")
            if verbose:
                from rich.syntax import Syntax

                out.print(Syntax(script.text, "sql", line_numbers=True, word_wrap=True))
        if isinstance(plan, RollbackPlan) and plan.reapply and plan.repeatable:
            out.print("  then re-apply the repeatable files above")
        return
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/] {escape(warning)}")
    if not result.steps:
        out.print(f"{name}: up to date" if not rolling else f"{name}: nothing to roll back")
        return
    total_ms = sum(s.ms for s in result.steps)
    applied = sum(1 for s in result.steps if s.action == "apply")
    undone = len(result.steps) - applied
    parts = []
    if undone:
        parts.append(f"rolled back {undone}")
    if applied:
        parts.append(f"applied {applied}")
    out.print(f"[green]{name}: {', '.join(parts)} file(s) in {total_ms / 1000:.2f}s[/]")


def status(report: StatusReport, *, verbose: bool = False) -> None:
    st = report.status
    table = Table(title=f"{report.target.name} — {escape(report.target.display)}", title_justify="left")
    for col in ("version", "description", "kind", "state", "applied at"):
        table.add_column(col)
    shown = [e for e in st.entries if verbose or e.state != "applied" or e.kind == "repeatable"]
    hidden = 0
    if not verbose and len(shown) > STATUS_ROWS:
        hidden, shown = len(shown) - STATUS_ROWS, shown[:STATUS_ROWS]
    for e in shown:
        style = STATE_STYLE.get(e.state, "")
        when = f"{e.row.applied_at:%Y-%m-%d %H:%M:%S}" if e.row else ""
        table.add_row(e.version or "R", escape(e.description), e.kind,
                      f"[{style}]{e.state}[/]" if style else e.state, when)
    counts = ", ".join(f"{n} {state}" for state, n in sorted(st.counts.items())) or "no migrations"
    if table.row_count:
        out.print(table)
    if hidden:
        out.print(f"… and {hidden} more (-v shows every migration)")
    out.print(f"{report.target.name}: at version {st.current_version or '(none)'}; {counts}")
    if report.lock_holder:
        out.print(f"[yellow]migration lock held by {escape(str(report.lock_holder))}[/]")


def status_json(report: StatusReport) -> dict[str, Any]:
    st = report.status
    return {
        "database": report.target.name,
        "target": report.target.display,
        "current_version": st.current_version,
        "counts": st.counts,
        "lock_holder": asdict(report.lock_holder) if report.lock_holder else None,
        "migrations": [
            {"version": e.version, "description": e.description, "kind": e.kind, "state": e.state,
             "script": e.script, "applied_at": e.row.applied_at if e.row else None,
             "checksum": e.migration.script.checksum if e.migration else e.row.checksum if e.row else None}
            for e in st.entries
        ],
    }


def history(name: str, rows: list[HistoryRow]) -> None:
    table = Table(title=name, title_justify="left")
    for col in ("rank", "version", "description", "kind", "script", "applied at", "by", "ms", "ok"):
        table.add_column(col)
    for r in rows:
        table.add_row(str(r.installed_rank), r.version or "", escape(r.description), r.kind,
                      escape(r.script), f"{r.applied_at:%Y-%m-%d %H:%M:%S}", r.applied_by,
                      str(r.execution_ms), "[green]yes[/]" if r.success else "[bold red]FAILED[/]")
    out.print(table)


class Spinner:
    """A status line for long operations (nothing when not on a terminal)."""

    def __init__(self, text: str):
        self.text = text
        self.status: Any = None

    def __enter__(self) -> Spinner:
        if err.is_terminal:
            self.status = err.status(self.text)
            self.status.__enter__()
        return self

    def update(self, detail: str) -> None:
        if self.status is not None:
            self.status.update(f"{self.text}: {escape(detail)}")

    def __exit__(self, *exc: object) -> None:
        if self.status is not None:
            self.status.__exit__(*exc)


def backup_made(manifest: Any, directory: Any) -> None:
    rows = sum(manifest.row_counts.values())
    out.print(f"[green]{manifest.database}: backup {directory}/{manifest.dump}[/] "
              f"({manifest.size_bytes:,} bytes, {len(manifest.row_counts)} tables, {rows:,} rows, "
              f"migration version {manifest.migration_version}, {manifest.seconds:.2f}s)")


def verified(report: Any) -> None:
    if report.ok:
        out.print(f"[green]verified[/] {report.manifest.dump}: catalog and row counts match "
                  f"(restore took {report.restore_seconds:.2f}s)")
        return
    err.print(f"[bold red]verification failed[/] for {report.manifest.dump}:")
    for p in report.problems[:50]:
        err.print(f"  {escape(p)}")


def health(h: Any) -> None:
    def fmt_size(n: int) -> str:
        for unit in ("B", "kB", "MB", "GB", "TB"):
            if n < 1024:
                return f"{n:.0f} {unit}"
            n /= 1024  # type: ignore[assignment]
        return f"{n:.0f} PB"

    by_state = ", ".join(f"{n} {s}" for s, n in sorted(h.connections.items())) or "none"
    out.print(f"[bold]{h.database}[/] (PostgreSQL {h.server_version})")
    out.print(f"  connections   {h.total_connections}/{h.max_connections} ({by_state}); {h.waiting} waiting on locks")
    ratio = f"{h.cache_hit_ratio:.2%}" if h.cache_hit_ratio is not None else "n/a"
    out.print(f"  cache hits    {ratio}")
    growth = (f", {'+' if h.growth_bytes >= 0 else '-'}{fmt_size(abs(h.growth_bytes))} since the backup of {h.growth_since}"
              if h.growth_bytes is not None else " (no backup yet to measure growth from)")
    out.print(f"  size          {fmt_size(h.size_bytes)}{growth}; transaction ID age {h.xid_age:,}")
    for title, rows in (("blocked sessions", h.blocked), ("long-running statements", h.long_running),
                        ("dead tuples", h.dead_tuples), ("slowest statements (pg_stat_statements)", h.slowest or [])):
        if not rows:
            continue
        table = Table(title=title, title_justify="left")
        for col in rows[0]:
            table.add_column(str(col))
        for r in rows:
            table.add_row(*(escape(str(v)) for v in r.values()))
        out.print(table)
    if h.slowest is None:
        out.print("  [dim]pg_stat_statements is not installed in this database (CREATE EXTENSION pg_stat_statements)[/]")
    for p in h.problems:
        out.print(f"  [yellow]attention:[/] {escape(p)}")
    if not h.problems:
        out.print("  [green]no problems found[/]")


def validation(report: Any) -> None:
    mark = "[green]passed[/]" if report.ok else "[bold red]FAILED[/]"
    out.print(f"[bold]{report.database}[/]: validation {mark}")
    for check in report.checks:
        status = "[green]ok[/]" if check.ok else "[red]failed[/]"
        warnings = sum(1 for f in check.findings if f.severity != "error")
        extra = f" [yellow]({warnings} warning(s))[/]" if warnings else ""
        out.print(f"  {status} {escape(check.name)} [dim]{check.seconds:.2f}s[/]{extra}")
        for f in check.findings:
            colour = "red" if f.severity == "error" else "yellow"
            where = f"{f.where}: " if f.where else ""
            out.print(f"      [{colour}]{f.severity}[/] {escape(where + f.message)} [dim]\\[{f.check}][/]")
