"""Extensions a run needs: checked against the server before anything runs.

A migration that says ``CREATE EXTENSION postgis`` on a server without PostGIS would fail half
way through a run; instead ``migrate`` refuses up front and names the package to install.
"""

from __future__ import annotations

import re

import psycopg

from runner.errors import StateError
from runner.sources import Migration

_CREATE_EXTENSION = re.compile(
    r"^\s*create\s+extension\s+(?:if\s+not\s+exists\s+)?(\"[^\"]+\"|[a-z_][a-z0-9_]*)",
    re.IGNORECASE | re.MULTILINE,
)
# Debian/Ubuntu package for extensions not in the server or contrib packages (%s: major version).
PACKAGES = {
    "postgis": "postgresql-%s-postgis-3", "postgis_topology": "postgresql-%s-postgis-3",
    "postgis_raster": "postgresql-%s-postgis-3", "pgtap": "postgresql-%s-pgtap",
    "pg_partman": "postgresql-%s-partman", "pg_cron": "postgresql-%s-cron",
    "vector": "postgresql-%s-pgvector", "timescaledb": "timescaledb-2-postgresql-%s",
}


def required(migrations: list[Migration]) -> dict[str, str]:
    """extension name -> the first file that creates it."""
    found: dict[str, str] = {}
    for m in migrations:
        for name in _CREATE_EXTENSION.findall(m.script.text):
            found.setdefault(name.strip('"').lower(), m.script.display)
    return found


def check_available(conn: psycopg.Connection, migrations: list[Migration]) -> None:
    needed = required(migrations)
    if not needed:
        return
    rows = conn.execute("SELECT name FROM pg_available_extensions WHERE name = ANY(%s)",
                        (list(needed),)).fetchall()
    missing = sorted(set(needed) - {r[0] for r in rows})
    if not missing:
        return
    major = conn.info.server_version // 10000
    details = []
    for name in missing:
        package = PACKAGES.get(name, "postgresql-contrib (or the extension's own package)")
        details.append(f"{name} (needed by {needed[name]}): install {package.replace('%s', str(major))} "
                       "on the database server")
    raise StateError("the server lacks extensions these migrations need; nothing was run",
                     details=details)
