"""What a check found: one shape for every problem, so reports, JUnit and annotations agree."""

from __future__ import annotations

import re
from dataclasses import dataclass

ERROR, WARNING = "error", "warning"
_LOCATED = re.compile(r"^(?P<file>[^\s:]+\.sql):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<message>.*)$", re.DOTALL)


@dataclass(frozen=True)
class Finding:
    check: str  # e.g. "syntax", "rollback-missing", "round-trip", "pgtap"
    message: str
    severity: str = ERROR
    file: str | None = None
    line: int | None = None
    column: int | None = None

    @property
    def where(self) -> str:
        if not self.file:
            return ""
        return self.file + (f":{self.line}" if self.line else "") + (f":{self.column}" if self.column else "")

    def __str__(self) -> str:
        return f"{self.where + ': ' if self.where else ''}{self.message} [{self.check}]"


def from_text(check: str, text: str, severity: str = ERROR) -> Finding:
    """A finding from a ``file:line:col: message`` string (as SourceError details are written)."""
    m = _LOCATED.match(text)
    if not m:
        return Finding(check, text, severity)
    col = m.group("col")
    return Finding(check, m.group("message"), severity, m.group("file"), int(m.group("line")),
                   int(col) if col else None)
