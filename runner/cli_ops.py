"""Operations commands of the CLI: backup, restore, health. Parse, call the core, render."""


import dataclasses
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from runner import render
from runner.cli_common import JsonOpt, PathOpt, UrlOpt, config, guarded, one

DirOpt = Annotated[Optional[Path], typer.Option("--dir", help="Backup directory (default: backup_dir, ./backups).")]


class DefaultCommandGroup(TyperGroup):
    """``runner backup DB`` runs the ``create`` subcommand; ``runner backup prune DB`` prunes."""

    def parse_args(self, ctx, args):  # type: ignore[no-untyped-def]
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args = ["create", *args]
        return super().parse_args(ctx, args)


def register(app: typer.Typer) -> None:
    backup_app = typer.Typer(cls=DefaultCommandGroup, help="Compressed, verifiable backups (pg_dump custom format).")
    app.add_typer(backup_app, name="backup")

    def backup_dir(given: Path | None) -> Path:
        return given or config().backup_dir

    @backup_app.command("create", hidden=True)
    def backup_create(
        database: Annotated[Optional[str], typer.Argument(help="The database.")] = None,
        verify_after: Annotated[bool, typer.Option("--verify", help="Restore it into a scratch database and compare.")] = False,
        directory: DirOpt = None, path: PathOpt = None, url: UrlOpt = None,
    ) -> None:
        """Dump a database with a manifest; --verify restores it into a scratch database and compares."""
        from runner import backup

        def body() -> None:
            target = one(database, path, url)
            with render.Spinner(f"{target.name}: backing up") as spin:
                manifest = backup.backup(target, backup_dir(directory), progress=spin.update)
            render.backup_made(manifest, backup_dir(directory))
            if verify_after:
                report = backup.verify(target, backup_dir(directory) / manifest.dump)
                render.verified(report)
                if not report.ok:
                    raise typer.Exit(7)
        guarded(body)

    @backup_app.command("verify")
    def backup_verify(
        database: Annotated[str, typer.Argument(help="The database the backup came from.")],
        file: Annotated[Path, typer.Argument(help="The .dump file.")],
        path: PathOpt = None, url: UrlOpt = None,
    ) -> None:
        """Restore a backup into a scratch database and compare catalog and row counts with its manifest."""
        from runner import backup

        def body() -> None:
            report = backup.verify(one(database, path, url), file)
            render.verified(report)
            if not report.ok:
                raise typer.Exit(7)
        guarded(body)

    @backup_app.command("prune")
    def backup_prune(
        database: Annotated[str, typer.Argument(help="The database whose backups to prune.")],
        keep_daily: Annotated[int, typer.Option("--keep-daily", help="Newest backup of each of the last N days.")] = 7,
        keep_weekly: Annotated[int, typer.Option("--keep-weekly", help="Newest backup of each of the last M weeks.")] = 4,
        dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be deleted.")] = False,
        directory: DirOpt = None,
    ) -> None:
        """Delete backups outside the retention policy (dump and manifest together)."""
        from runner import backup

        def body() -> None:
            kept, deleted = backup.prune(backup_dir(directory), database, keep_daily=keep_daily,
                                         keep_weekly=keep_weekly, dry_run=dry_run)
            for d in deleted:
                render.out.print(f"{'would delete' if dry_run else 'deleted'} {d.name}")
            render.out.print(f"{database}: kept {len(kept)}, {'would delete' if dry_run else 'deleted'} {len(deleted)}")
        guarded(body)

    @backup_app.command("list")
    def backup_list(database: Annotated[str, typer.Argument()], directory: DirOpt = None) -> None:
        """Backups of a database, newest first."""
        from runner import backup

        def body() -> None:
            for stamp, dump in backup.list_backups(backup_dir(directory), database):
                render.out.print(f"{stamp:%Y-%m-%d %H:%M:%S}  {dump.stat().st_size:>12,} bytes  {dump}")
        guarded(body)

    @app.command()
    def restore(
        database: Annotated[str, typer.Argument(help="The database to restore into.")],
        file: Annotated[Path, typer.Argument(help="The .dump file (its manifest must sit beside it).")],
        force: Annotated[bool, typer.Option("--force", help="Drop and replace a non-empty database.")] = False,
        path: PathOpt = None, url: UrlOpt = None,
    ) -> None:
        """Restore a backup; refuses to overwrite a non-empty database without --force."""
        from runner import backup

        def body() -> None:
            manifest = backup.restore(one(database, path, url), file, force=force)
            render.out.print(f"[green]restored[/] {file.name} ({sum(manifest.row_counts.values()):,} rows, "
                             f"migration version {manifest.migration_version})")
        guarded(body)

    @app.command()
    def health(
        database: Annotated[Optional[str], typer.Argument(help="The database.")] = None,
        json: JsonOpt = False,
        prometheus: Annotated[bool, typer.Option("--prometheus", help="Prometheus text exposition format.")] = False,
        long_running: Annotated[float, typer.Option("--long-running", help="Seconds after which a statement is long.")] = 60,
        directory: DirOpt = None, path: PathOpt = None, url: UrlOpt = None,
    ) -> None:
        """Connections, waits, cache hit ratio, size and growth since the last backup, long queries, dead tuples, slowest statements."""
        from runner.backup import latest_manifest
        from runner.connection import connect
        from runner.health import collect
        from runner.health import prometheus as exposition

        def body() -> None:
            target = one(database, path, url)
            last = latest_manifest(backup_dir(directory), target.name)
            baseline = (last.created_at, last.database_size_bytes) if last else None
            with connect(target.conninfo(), application_name="runner health") as conn:
                report = collect(conn, long_running_s=long_running, baseline=baseline)
            if prometheus:
                print(exposition(report), end="")
            elif json:
                render.print_json(dataclasses.asdict(report))
            else:
                render.health(report)
        guarded(body)
