"""What every CLI module shares: option types, target resolution, and error rendering."""


import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Optional, TypeVar

import psycopg
import typer

from runner import render
from runner.config import Config, load_config, parse_duration
from runner.errors import RunnerError
from runner.targets import Target, resolve

T = TypeVar("T")
state: dict[str, Path | None] = {"config": None}

PathOpt = Annotated[Optional[Path], typer.Option("--path", help="A database directory or a flat folder of migrations (no configuration needed).")]
UrlOpt = Annotated[Optional[str], typer.Option("--url", help="Server URL (else the configured one, DATABASE_URL, PG* variables, or the local server).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Show more (the SQL of a dry run, every applied file, notices).")]
LockWaitOpt = Annotated[Optional[float], typer.Option("--lock-wait", help="Seconds to wait for another runner's lock.")]
LockTimeoutOpt = Annotated[Optional[str], typer.Option("--lock-timeout", help="lock_timeout for each migration, e.g. 5s.")]
RetriesOpt = Annotated[Optional[int], typer.Option("--lock-retries", help="Retries after a lock timeout or deadlock.")]


def guarded(fn: Callable[[], T]) -> T:
    """Run a command body; print a RunnerError without a traceback and exit with its code."""
    try:
        return fn()
    except RunnerError as exc:
        render.error(exc)
        raise typer.Exit(exc.exit_code) from None
    except psycopg.Error as exc:  # a server error outside a migration (permissions, …)
        sqlstate = getattr(exc, "sqlstate", None) or "?"
        render.error(RunnerError(f"PostgreSQL error {sqlstate}: {str(exc).strip()}"))
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        render.err.print("[red]interrupted[/]: the migration in progress was rolled back by the server")
        raise typer.Exit(130) from None


def config() -> Config:
    return load_config(state["config"])


def targets(names: list[str] | None, path: Path | None, url: str | None, *,
             lock_timeout: str | None = None, retries: int | None = None) -> list[Target]:
    project = config()
    chosen = resolve(project, names, path=path, url=url)
    if not chosen:
        render.err.print(render.escape(f"no databases declared under [tool.runner.databases] in {project.source}"))
    changes = {}
    if lock_timeout is not None:
        try:
            changes["lock_timeout_ms"] = parse_duration(lock_timeout)
        except ValueError as exc:
            raise RunnerError(f"--lock-timeout: {exc}") from None
    if retries is not None:
        changes["lock_retries"] = retries
    if changes:
        for t in chosen:
            t.settings = dataclasses.replace(t.settings, **changes)
    return chosen


def one(name: str | None, path: Path | None, url: str | None, **kw: object) -> Target:
    """The single target of a command; with ``--path`` the database name is only a label."""
    return targets([name] if name and path is None else None, path, url, **kw)[0]  # type: ignore[arg-type]


def ms(seconds: float | None) -> int | None:
    return None if seconds is None else int(seconds * 1000)
