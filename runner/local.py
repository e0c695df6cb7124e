"""The project-local PostgreSQL cluster (the embedded default when no URL is configured).

Data lives in ``.pg/`` (git-ignored): ``.pg/data`` is the cluster, the unix socket sits in
``.pg/`` itself, the server log is ``.pg/server.log``. The server also listens on 127.0.0.1 at a
free port with password authentication (the password is in ``.pg/pgpass``, never printed);
the socket uses trust authentication, protected by the directory's 0700 mode. When the runner
runs as root, the server runs as an unprivileged OS user (``postgres`` by default,
``RUNNER_LOCAL_OS_USER`` to choose), because PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

from runner.errors import LocalServerError

SUPERUSER = "postgres"
DEFAULT_SETTINGS = {
    "shared_preload_libraries": "'pg_stat_statements'",
    "listen_addresses": "'127.0.0.1'",
    "unix_socket_permissions": "0700",
    "max_connections": "200",
    "logging_collector": "off",
    "log_min_messages": "warning",
}


def find_bindir() -> Path:
    """Server binaries: ``RUNNER_PG_BINDIR``, ``pg_config --bindir``, newest /usr/lib/postgresql, PATH."""
    candidates: list[Path] = []
    if os.environ.get("RUNNER_PG_BINDIR"):
        candidates.append(Path(os.environ["RUNNER_PG_BINDIR"]))
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=True)
            candidates.append(Path(out.stdout.strip()))
        except (OSError, subprocess.CalledProcessError):
            pass

    def major(p: str) -> float:
        try:
            return float(Path(p).parent.name)
        except ValueError:
            return 0.0

    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=major, reverse=True)]
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for c in candidates:
        if (c / "initdb").is_file() and (c / "pg_ctl").is_file() and (c / "postgres").is_file():
            return c
    raise LocalServerError(
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found",
        hint="install them (Debian/Ubuntu: apt-get install postgresql postgresql-contrib; "
        "macOS: brew install postgresql@15) or set RUNNER_PG_BINDIR, or give --url to use an "
        "existing server",
    )


def program(name: str) -> str:
    """A PostgreSQL program (pg_dump, pg_restore, …): from the server's bindir, else from PATH."""
    try:
        candidate = find_bindir() / name
        if candidate.is_file():
            return str(candidate)
    except LocalServerError:
        pass
    found = shutil.which(name)
    if not found:
        raise LocalServerError(f"{name} not found", hint="install the PostgreSQL client (postgresql-client)")
    return found


@dataclass(frozen=True)
class LocalStatus:
    running: bool
    directory: str
    port: int | None
    pid: int | None
    bindir: str | None
    url: str | None
    initialised: bool


class LocalServer:
    """Start, stop and locate the cluster in ``directory``."""

    def __init__(self, directory: Path, *, settings: dict[str, str] | None = None):
        self.directory = directory.absolute()
        self.data = self.directory / "data"
        self.log = self.directory / "server.log"
        self.pgpass = self.directory / "pgpass"
        self.settings = {**DEFAULT_SETTINGS, **(settings or {})}

    # -- OS user ---------------------------------------------------------------------------
    def _os_user(self) -> str | None:
        """The user to run the server as, or None to run as ourselves (when not root)."""
        if os.geteuid() != 0:
            return None
        name = os.environ.get("RUNNER_LOCAL_OS_USER", "postgres")
        try:
            pwd.getpwnam(name)
        except KeyError:
            raise LocalServerError(
                f"running as root, and the OS user {name!r} to run PostgreSQL as does not exist",
                hint="create one (useradd --system postgres) or set RUNNER_LOCAL_OS_USER",
            ) from None
        return name

    def _run(self, args: list[str], user: str | None, *, check: bool = True,
             timeout: float = 120) -> subprocess.CompletedProcess[str]:
        try:
            proc = subprocess.run(args, user=user, capture_output=True, text=True,
                                  timeout=timeout, cwd=self.directory, env=self._env())
        except subprocess.TimeoutExpired:
            raise LocalServerError(f"{Path(args[0]).name} timed out after {timeout:.0f}s",
                                   hint=f"see {self.log}") from None
        if check and proc.returncode != 0:
            raise LocalServerError(
                f"{Path(args[0]).name} failed (exit {proc.returncode})",
                details=[line for line in (proc.stderr + proc.stdout).strip().splitlines()[-15:]],
                hint=f"see {self.log}" if self.log.exists() else None,
            )
        return proc

    @staticmethod
    def _env() -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["LC_ALL"] = env.get("LC_ALL", "C.UTF-8")
        return env

    def _check_traversable(self, user: str) -> None:
        entry = pwd.getpwnam(user)
        for parent in self.directory.parents:
            st = parent.stat()
            if st.st_uid == entry.pw_uid:
                continue
            if not st.st_mode & 0o001 and not (st.st_gid == entry.pw_gid and st.st_mode & 0o010):
                raise LocalServerError(
                    f"the server runs as OS user {user!r}, who cannot enter {parent}",
                    hint=f"chmod o+x {parent}, or put the local cluster elsewhere (local_dir)",
                )

    # -- lifecycle ---------------------------------------------------------------------------
    @property
    def initialised(self) -> bool:
        return (self.data / "PG_VERSION").is_file()

    def init(self) -> None:
        if self.initialised:
            return
        bindir = find_bindir()
        user = self._os_user()
        self.directory.mkdir(parents=True, exist_ok=True)
        password = secrets.token_urlsafe(18)
        pwfile = self.directory / ".initpw"
        pwfile.write_text(password + "\n")
        self.pgpass.write_text(f"127.0.0.1:*:*:{SUPERUSER}:{password}\nlocalhost:*:*:{SUPERUSER}:{password}\n")
        os.chmod(self.pgpass, 0o600)
        if user:
            self._check_traversable(user)
            entry = pwd.getpwnam(user)
            os.chown(self.directory, entry.pw_uid, entry.pw_gid)
            os.chown(pwfile, entry.pw_uid, entry.pw_gid)
        os.chmod(self.directory, 0o700)
        try:
            self._run([str(bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                       "--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={pwfile}",
                       "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"], user)
        finally:
            pwfile.unlink(missing_ok=True)
        lines = [f"{k} = {v}" for k, v in self.settings.items()]
        lines.append(f"unix_socket_directories = '{self.directory}'")
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("\n# added by runner local\n" + "\n".join(lines) + "\n")

    def _pid_info(self) -> tuple[int, int] | None:
        """(pid, port) from postmaster.pid when the server is up."""
        try:
            lines = (self.data / "postmaster.pid").read_text().splitlines()
            pid, port = int(lines[0]), int(lines[3])
        except (OSError, IndexError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        return pid, port

    def start(self) -> LocalStatus:
        self.init()
        if self._pid_info() and (self.directory / f".s.PGSQL.{self._pid_info()[1]}").exists():
            return self.status()
        bindir = find_bindir()
        port = _free_port(self._remembered_port())
        (self.directory / "port").write_text(f"{port}\n")
        self._run([str(bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w",
                   "-t", "60", "-o", f"-p {port}", "start"], self._os_user())
        return self.status()

    def _remembered_port(self) -> int | None:
        try:
            return int((self.directory / "port").read_text().strip())
        except (OSError, ValueError):
            return None

    def stop(self) -> LocalStatus:
        if self.initialised and self._pid_info():
            self._run([str(find_bindir() / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w",
                       "stop"], self._os_user())
        return self.status()

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)

    def url(self, dbname: str = "postgres") -> str:
        info = self._pid_info()
        if not info:
            raise LocalServerError("the local server is not running", hint="runner local start")
        return f"postgresql:///{dbname}?host={self.directory}&port={info[1]}&user={SUPERUSER}"

    def status(self) -> LocalStatus:
        info = self._pid_info()
        try:
            bindir: str | None = str(find_bindir())
        except LocalServerError:
            bindir = None
        return LocalStatus(
            running=info is not None,
            directory=str(self.directory),
            port=info[1] if info else None,
            pid=info[0] if info else None,
            bindir=bindir,
            url=self.url() if info else None,
            initialised=self.initialised,
        )


def _free_port(preferred: int | None) -> int:
    """``preferred`` if nothing listens on it at 127.0.0.1, else a port the kernel picks."""
    for candidate in ([preferred] if preferred else []) + [0]:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            return s.getsockname()[1]
    raise LocalServerError("no free TCP port on 127.0.0.1")
