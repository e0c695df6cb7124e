"""Connection strings: redaction for display, opening connections with clear errors."""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import conninfo as pg_conninfo

from runner.errors import ConnectionFailed

_KV_PASSWORD = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)


def redact(url: str) -> str:
    """The URL or key=value conninfo with any password replaced by ``***``."""
    if "://" not in url:
        return _KV_PASSWORD.sub(r"\1***", url)
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, hostinfo = netloc.rpartition("@")
        if ":" in userinfo:
            userinfo = userinfo.split(":", 1)[0] + ":***"
        netloc = f"{userinfo}@{hostinfo}"
    query = urlencode(
        [(k, "***" if k.lower() == "password" else v) for k, v in parse_qsl(parts.query)],
        safe="/:*",
    )
    if not netloc:  # urlunsplit would turn postgresql:///db into postgresql:/db
        return f"{parts.scheme}://{parts.path}" + (f"?{query}" if query else "")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def describe(conninfo: str) -> str:
    """A redacted, human-readable target: the URL, or what libpq's environment points at."""
    if conninfo:
        return redact(conninfo)
    env = {k: os.environ[k] for k in ("PGHOST", "PGPORT", "PGUSER", "PGDATABASE") if k in os.environ}
    return " ".join(f"{k}={v}" for k, v in env.items()) or "libpq defaults"


def with_dbname(conninfo: str, dbname: str) -> str:
    """The same server and credentials, another database."""
    return pg_conninfo.make_conninfo(conninfo, dbname=dbname)


def dbname_of(conninfo: str) -> str | None:
    try:
        return pg_conninfo.conninfo_to_dict(conninfo).get("dbname") or os.environ.get("PGDATABASE")
    except psycopg.ProgrammingError:
        return None


def connect(conninfo: str, *, application_name: str = "runner", autocommit: bool = True,
            connect_timeout: int = 10) -> psycopg.Connection:
    """Open a connection or raise :class:`ConnectionFailed` naming the redacted target."""
    try:
        return psycopg.connect(
            conninfo,
            autocommit=autocommit,
            application_name=application_name,
            connect_timeout=connect_timeout,
        )
    except psycopg.ProgrammingError as exc:
        raise ConnectionFailed(f"invalid connection string {redact(conninfo)}: {exc}") from None
    except psycopg.OperationalError as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else "unknown error"
        raise ConnectionFailed(
            f"cannot connect to {describe(conninfo)}: {_scrub(reason, conninfo)}",
            hint="check the URL (--url, DATABASE_URL, url_env in [tool.runner]) and that the server runs",
        ) from None


def _scrub(text: str, conninfo: str) -> str:
    """Remove a password that libpq may echo back in an error message."""
    try:
        password = pg_conninfo.conninfo_to_dict(conninfo).get("password")
    except psycopg.ProgrammingError:
        password = None
    return text.replace(str(password), "***") if password else text


def libpq_args(conninfo: str) -> tuple[str, dict[str, str]]:
    """For a libpq program (psql, pg_dump): the conninfo without its password, and an environment
    carrying the password instead, so no password shows on a command line (visible in ps)."""
    params = pg_conninfo.conninfo_to_dict(conninfo)
    env = dict(os.environ)
    password = params.pop("password", None)
    if password:
        env["PGPASSWORD"] = str(password)
    return pg_conninfo.make_conninfo("", **params), env
