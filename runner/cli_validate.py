"""The CI validation commands: ``runner validate`` and ``runner dump``."""

import dataclasses
from pathlib import Path
from typing import Annotated, Optional

import typer

from runner import render
from runner.cli_common import JsonOpt, PathOpt, UrlOpt, guarded, one, targets
from runner.targets import Target

ExcludeOpt = Annotated[Optional[list[str]], typer.Option(
    "--exclude", metavar="PATTERN",
    help="A pg_dump table pattern to leave out of schema.sql, added to the configured dump_exclude "
         "(repeatable; e.g. time partitions named after today).")]


def _excluding(target: Target, patterns: Optional[list[str]]) -> Target:
    if not patterns:
        return target
    return dataclasses.replace(target, dump_exclude=(*target.dump_exclude, *patterns))


def register(app: typer.Typer) -> None:
    @app.command()
    def validate(
        databases: Annotated[Optional[list[str]], typer.Argument(help="Databases (default: all configured).")] = None,
        against: Annotated[Optional[str], typer.Option("--against", help="Also report drift of this live database (read-only).")] = None,
        no_tests: Annotated[bool, typer.Option("--no-tests", help="Skip the pgTAP files.")] = False,
        junit: Annotated[Optional[Path], typer.Option("--junit", help="Write a JUnit XML report to this file.")] = None,
        github: Annotated[bool, typer.Option("--github", help="Emit GitHub Actions annotations.")] = False,
        json: JsonOpt = False, path: PathOpt = None, url: UrlOpt = None, exclude: ExcludeOpt = None,
    ) -> None:
        """Offline checks, round trip with catalog comparison, schema.sql, pgTAP; on a scratch database."""
        from runner import report as machine
        from runner.validate import validate as run_validation

        def body() -> None:
            chosen = [_excluding(t, exclude) for t in targets(databases, path, url)]
            if against and len(chosen) != 1:
                raise typer.BadParameter("--against compares one database: name it")
            reports = []
            for target in chosen:
                with render.Spinner(f"{target.name}: validating"):
                    reports.append(run_validation(target, against=against, tests=not no_tests))
                if not json:
                    render.validation(reports[-1])
            if json:
                render.print_json(machine.as_json(reports))
            if junit:
                junit.write_text(machine.junit(reports), encoding="utf-8")
            if github:
                print(machine.github(reports), end="")
            if not all(r.ok for r in reports):
                raise typer.Exit(1)
        guarded(body)

    @app.command()
    def dump(
        database: Annotated[Optional[str], typer.Argument(help="The database.")] = None,
        path: PathOpt = None, url: UrlOpt = None, exclude: ExcludeOpt = None,
    ) -> None:
        """Write sql/<db>/schema.sql: the normalised schema the migrations produce (commit it)."""
        from runner.validate import dump as write_dump

        def body() -> None:
            target = _excluding(one(database, path, url), exclude)
            render.out.print(f"wrote {write_dump(target)}")
        guarded(body)
