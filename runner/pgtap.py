"""Running pgTAP files and reading their TAP output.

Each file is run with psql (``-X -q -At -v ON_ERROR_STOP=1``) as written
(``BEGIN; SELECT plan(n); …; SELECT * FROM finish(); ROLLBACK;``), so a DBA can run the very
same file by hand. The TAP stream is parsed: the plan, each ``ok`` / ``not ok`` with its
description and diagnostics, and psql errors.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from runner.connection import libpq_args
from runner.errors import RunnerError

_PLAN = re.compile(r"^1\.\.(\d+)$", re.MULTILINE)
_RESULT = re.compile(r"^(not ok|ok) (\d+)(?: - (.*))?$")


@dataclass
class TapFailure:
    number: int
    description: str
    diagnostics: list[str] = field(default_factory=list)


@dataclass
class TapResult:
    path: str
    planned: int | None
    passed: int
    failures: list[TapFailure]
    error: str | None  # psql stopped (an SQL error outside an assertion)
    output: str

    @property
    def ok(self) -> bool:
        return self.error is None and not self.failures and self.planned is not None and self.passed == self.planned

    def summary(self) -> str:
        if self.error:
            return f"{self.path}: stopped by an error: {self.error}"
        if self.planned is None:
            return f"{self.path}: no plan (1..N) in the output"
        parts = [f"{self.passed}/{self.planned} passed"]
        if self.failures:
            parts.append("failed: " + "; ".join(f"#{f.number} {f.description}" for f in self.failures[:10]))
        return f"{self.path}: " + ", ".join(parts)


def parse(path: str, output: str, stderr: str = "", returncode: int = 0) -> TapResult:
    plan = _PLAN.search(output)
    passed = 0
    failures: list[TapFailure] = []
    current: TapFailure | None = None
    for line in output.splitlines():
        m = _RESULT.match(line)
        if m:
            current = None
            if m.group(1) == "ok":
                passed += 1
            else:
                current = TapFailure(int(m.group(2)), m.group(3) or "")
                failures.append(current)
        elif line.startswith("#") and current is not None:
            current.diagnostics.append(line[1:].strip())
    error = None
    if returncode != 0:
        lines = [ln for ln in stderr.strip().splitlines() if ln.strip()]
        error = " / ".join(lines[-3:]) or f"psql exited with {returncode}"
    return TapResult(path, int(plan.group(1)) if plan else None, passed, failures, error, output)


def run_file(conninfo: str, path: Path, *, display: str | None = None, timeout: float = 600) -> TapResult:
    psql = shutil.which("psql")
    if psql is None:
        raise RunnerError("psql (the PostgreSQL client) is needed to run pgTAP files",
                          hint="install postgresql-client")
    args, env = libpq_args(conninfo)
    done = subprocess.run([psql, "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", args, "-f", str(path)],
                          capture_output=True, text=True, timeout=timeout, env=env)
    return parse(display or str(path), done.stdout, done.stderr, done.returncode)
