"""The command line: parse options, call one core function, render the result. Nothing else."""


import dataclasses
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from runner import cli_ops, cli_validate, commands, render
from runner.cli_common import (
    JsonOpt,
    LockTimeoutOpt,
    LockWaitOpt,
    PathOpt,
    RetriesOpt,
    UrlOpt,
    VerboseOpt,
    config,
    guarded,
    ms,
    one,
    state,
    targets,
)
from runner.errors import RunnerError
from runner.local import LocalServer

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  help="Versioned plain-SQL migrations for PostgreSQL.")
local_app = typer.Typer(no_args_is_help=True, help="The project-local PostgreSQL server in .pg/.")
app.add_typer(local_app, name="local")

@app.callback()
def main_options(
    config: Annotated[Optional[Path], typer.Option("--config", help="The pyproject.toml whose tool.runner table configures the project.")] = None,
) -> None:
    state["config"] = config


@app.command()
def migrate(
    databases: Annotated[Optional[list[str]], typer.Argument(help="Databases (default: all configured).")] = None,
    to: Annotated[Optional[str], typer.Option("--to", help="Stop after this version.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List what would run, in order; run nothing.")] = False,
    out_of_order: Annotated[bool, typer.Option("--out-of-order", help="Apply pending files older than the newest applied one.")] = False,
    ignore_missing: Annotated[bool, typer.Option("--ignore-missing", help="Proceed although applied files are missing from disk.")] = False,
    path: PathOpt = None, url: UrlOpt = None, verbose: VerboseOpt = False,
    lock_wait: LockWaitOpt = None, lock_timeout: LockTimeoutOpt = None, lock_retries: RetriesOpt = None,
) -> None:
    """Apply pending migrations, then repeatable files whose content changed."""
    def body() -> None:
        for target in targets(databases, path, url, lock_timeout=lock_timeout, retries=lock_retries):
            reporter = render.ConsoleReporter(target.name, verbose=verbose)
            try:
                result = commands.migrate(target, to=to, dry_run=dry_run, out_of_order=out_of_order,
                                          ignore_missing=ignore_missing, reporter=reporter,
                                          lock_wait_ms=ms(lock_wait))
            finally:
                reporter.close()
            render.run_result(result, verbose=verbose)
    guarded(body)


@app.command()
def rollback(
    database: Annotated[Optional[str], typer.Argument(help="The database.")] = None,
    to: Annotated[Optional[str], typer.Option("--to", help="Roll back everything after this version (0: everything).")] = None,
    steps: Annotated[Optional[int], typer.Option("--steps", help="Roll back this many migrations.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List what would be rolled back; run nothing.")] = False,
    path: PathOpt = None, url: UrlOpt = None, verbose: VerboseOpt = False,
    lock_wait: LockWaitOpt = None, lock_timeout: LockTimeoutOpt = None, lock_retries: RetriesOpt = None,
) -> None:
    """Run rollback files, newest first, each with its history row in one transaction."""
    def body() -> None:
        target = one(database, path, url, lock_timeout=lock_timeout, retries=lock_retries)
        reporter = render.ConsoleReporter(target.name, verbose=verbose)
        try:
            result = commands.rollback(target, to=to, steps=steps, dry_run=dry_run,
                                       reporter=reporter, lock_wait_ms=ms(lock_wait))
        finally:
            reporter.close()
        render.run_result(result, verbose=verbose)
    guarded(body)


@app.command()
def status(
    databases: Annotated[Optional[list[str]], typer.Argument(help="Databases (default: all configured).")] = None,
    path: PathOpt = None, url: UrlOpt = None, json: JsonOpt = False, verbose: VerboseOpt = False,
) -> None:
    """Applied, pending, changed and failed migrations, and who holds the lock."""
    def body() -> None:
        reports = [commands.status(t) for t in targets(databases, path, url)]
        if json:
            render.print_json([render.status_json(r) for r in reports])
        else:
            for r in reports:
                render.status(r, verbose=verbose)
        if any(r.status.where("failed", "changed") for r in reports):
            raise typer.Exit(1)
    guarded(body)


@app.command()
def history(
    database: Annotated[Optional[str], typer.Argument()] = None,
    path: PathOpt = None, url: UrlOpt = None, json: JsonOpt = False,
) -> None:
    """Every row of the history table, oldest first."""
    def body() -> None:
        target = one(database, path, url)
        rows = commands.history_rows(target)
        if json:
            render.print_json([dataclasses.asdict(r) for r in rows])
        else:
            render.history(target.name, rows)
    guarded(body)


@app.command()
def new(
    database: Annotated[str, typer.Argument(help="The database (or use --path).")],
    slug: Annotated[str, typer.Argument(help="what_it_does, in snake_case")],
    path: PathOpt = None,
) -> None:
    """Create the next numbered migration and its rollback file."""
    def body() -> None:
        target = one(database, path, None)
        for created in commands.new(target, slug):
            render.out.print(f"created {created}")
    guarded(body)


@app.command()
def seed(
    database: Annotated[Optional[str], typer.Argument()] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Empty the seeded tables first.")] = False,
    seed_dir: Annotated[Optional[Path], typer.Option("--dir", help="Seed directory (default seed-data/<db>).")] = None,
    path: PathOpt = None, url: UrlOpt = None,
) -> None:
    """Load seed-data/<db>/ (CSV via COPY in foreign-key order, then .sql files) in one transaction."""
    from runner.seed import load_seed

    def body() -> None:
        target = one(database, path, url)
        directory = seed_dir or target.seed_path
        if directory is None:
            raise RunnerError("no seed directory: pass --dir")
        report = load_seed(target.conninfo(), directory, replace=replace)
        loaded = ", ".join(f"{t} {n}" for t, n in report.tables.items())
        render.out.print(f"[green]{target.name}: seeded[/] {loaded}"
                         + (f"; ran {len(report.scripts)} script(s)" if report.scripts else "")
                         + f" in {report.ms / 1000:.2f}s")
        if report.cascaded:
            render.out.print(f"[yellow]--replace also emptied[/] {', '.join(report.cascaded)} (rows referencing seeded tables)")
    guarded(body)


@app.command()
def repair(
    database: Annotated[Optional[str], typer.Argument()] = None,
    accept_checksums: Annotated[bool, typer.Option("--accept-checksums", help="Record edited files' new checksums.")] = False,
    path: PathOpt = None, url: UrlOpt = None,
) -> None:
    """Clear failed records (listing leftovers such as invalid indexes); accept edited checksums."""
    def body() -> None:
        target = one(database, path, url)
        report = commands.repair(target, accept_checksums=accept_checksums)
        for s in report.cleared_failed:
            render.out.print(f"cleared failed record of {s}: it will run again on the next migrate")
        for s in report.accepted:
            render.out.print(f"accepted the new checksum of {s}")
        for idx in report.invalid_indexes:
            render.out.print(f"[yellow]leftover: invalid index {idx}[/] (DROP INDEX CONCURRENTLY it, or make the migration use IF NOT EXISTS)")
        if not (report.cleared_failed or report.accepted or report.invalid_indexes):
            render.out.print(f"{target.name}: nothing to repair")
    guarded(body)


@app.command()
def baseline(
    database: Annotated[Optional[str], typer.Argument()] = None,
    version: Annotated[Optional[str], typer.Option("--version", help="Record every migration up to this version as applied.")] = None,
    from_tool: Annotated[Optional[str], typer.Option("--from", help="Read the history of yoyo or flyway instead.")] = None,
    from_table: Annotated[Optional[str], typer.Option("--from-table", help="That tool's history table, if not the default.")] = None,
    path: PathOpt = None, url: UrlOpt = None,
) -> None:
    """Adopt an existing database: record migrations as applied without running them."""
    def body() -> None:
        target = one(database, path, url)
        report = commands.baseline(target, version=version, from_tool=from_tool, from_table=from_table)
        for s in report.recorded:
            render.out.print(f"recorded {s}")
        for s in report.skipped:
            render.out.print(f"[dim]already recorded {s}[/]")
        for w in report.warnings:
            render.err.print(f"[yellow]warning:[/] {w}")
    guarded(body)


@app.command()
def reset(
    database: Annotated[Optional[str], typer.Argument()] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Confirm dropping the database.")] = False,
    path: PathOpt = None, url: UrlOpt = None,
) -> None:
    """Drop, recreate and migrate a development database."""
    def body() -> None:
        target = one(database, path, url)
        render.run_result(commands.reset(target, yes=yes, reporter=render.ConsoleReporter(target.name)))
    guarded(body)


def _local() -> LocalServer:
    return LocalServer(config().local_dir)


@local_app.command("start")
def local_start() -> None:
    """Initialise (first time) and start the local server."""
    guarded(lambda: render.out.print(f"running: {_local().start().url}"))


@local_app.command("stop")
def local_stop() -> None:
    """Stop the local server (data is kept)."""
    guarded(lambda: (_local().stop(), render.out.print("stopped"))[0])


@local_app.command("status")
def local_status(json: JsonOpt = False) -> None:
    """Whether the local server runs, where, on which port."""
    def body() -> None:
        st = _local().status()
        if json:
            render.print_json(dataclasses.asdict(st))
        else:
            for k, v in dataclasses.asdict(st).items():
                render.out.print(f"{k:12} {v}")
        if not st.running:
            raise typer.Exit(1)
    guarded(body)


@local_app.command("url")
def local_url(database: Annotated[str, typer.Argument()] = "postgres") -> None:
    """Print the unix-socket URL of a database on the local server (no password needed)."""
    guarded(lambda: print(_local().url(database)))


@local_app.command("destroy")
def local_destroy(yes: Annotated[bool, typer.Option("--yes", help="Confirm deleting all local data.")] = False) -> None:
    """Stop the local server and delete .pg/ with all its data."""
    def body() -> None:
        server = _local()
        if not yes:
            raise RunnerError(f"this deletes {server.directory} and every database in it; pass --yes")
        server.destroy()
        render.out.print(f"deleted {server.directory}")
    guarded(body)


cli_ops.register(app)
cli_validate.register(app)


def main() -> None:
    app(prog_name="runner")


if __name__ == "__main__":
    sys.exit(main())
