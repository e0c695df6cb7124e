"""The one exception family of the runner.

Every user-facing failure is a :class:`RunnerError` (or a subclass): it carries the message a
person reads, an optional hint and the process exit code. The CLI catches only this family and
prints it without a traceback; anything else escaping the core is a bug and shows one.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class RunnerError(Exception):
    """A problem the user can fix: bad input, bad configuration, a failed migration."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None, details: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.details: list[str] = list(details or [])

    def __str__(self) -> str:
        parts = [self.message, *("  " + d for d in self.details)]
        if self.hint:
            parts.append(f"hint: {self.hint}")
        return "\n".join(parts)


class ConfigError(RunnerError):
    """The configuration is invalid; ``details`` lists every problem, each naming its key."""

    exit_code = 2


class SourceError(RunnerError):
    """Migration files on disk are wrong (names, directives, pairing); ``details`` lists all."""

    exit_code = 2


class ConnectionFailed(RunnerError):
    """The server could not be reached (the URL in the message is redacted)."""

    exit_code = 3


class LocalServerError(RunnerError):
    """The project-local PostgreSQL cluster could not be set up, started or stopped."""

    exit_code = 3


class LockBusy(RunnerError):
    """Another runner holds the migration lock for longer than we were willing to wait."""

    exit_code = 4


class StateError(RunnerError):
    """The database's history forbids the operation (drift, failed migration, out of order)."""

    exit_code = 5


@dataclass
class SqlLocation:
    """Where in a file a PostgreSQL error points: 1-based line and column, and the line text."""

    path: str
    line: int
    column: int | None = None
    text: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")


@dataclass
class PgDiagnostic:
    """The fields of a PostgreSQL error report that a DBA needs."""

    sqlstate: str
    message: str
    detail: str | None = None
    hint: str | None = None
    context: str | None = None
    severity: str = "ERROR"
    extra: dict[str, str] = field(default_factory=dict)


class MigrationFailed(RunnerError):
    """PostgreSQL rejected a migration; nothing of it was kept unless ``partial`` says so."""

    exit_code = 6

    def __init__(
        self,
        message: str,
        *,
        script: str,
        diagnostic: PgDiagnostic | None = None,
        location: SqlLocation | None = None,
        hint: str | None = None,
        recorded_failed: bool = False,
        notes: list[str] | None = None,
    ):
        super().__init__(message, hint=hint, details=notes)
        self.script = script
        self.diagnostic = diagnostic
        self.location = location
        self.recorded_failed = recorded_failed

    def __str__(self) -> str:
        lines = [self.message]
        if self.location:
            lines.append(f"  at {self.location}")
            if self.location.text:
                lines.append(f"    {self.location.text}")
                if self.location.column:
                    lines.append("    " + " " * (self.location.column - 1) + "^")
        d = self.diagnostic
        if d:
            lines.append(f"  {d.severity} {d.sqlstate}: {d.message}")
            for label, value in (("detail", d.detail), ("hint", d.hint), ("context", d.context)):
                if value:
                    lines.append(f"  {label}: {value}")
        lines.extend("  " + n for n in self.details)
        if self.hint:
            lines.append(f"hint: {self.hint}")
        return "\n".join(lines)
