"""Two runners at once, and a runner killed mid-migration: the real CLI in subprocesses."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT, runner_cli, write
from tests.test_migrate import history, q


def test_two_runners_apply_each_migration_exactly_once(project: Path, db_url: str) -> None:
    m = project / "migrations"
    write(m, "0001_slow.sql", "create table public.t (n int);\nselect pg_sleep(1.5);")
    for n in range(2, 6):
        write(m, f"000{n}_m{n}.sql", f"insert into public.t values ({n});")
    env = {**os.environ, "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "runner", "migrate", "--path", str(project), "--url", db_url]
    first = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    time.sleep(0.6)
    second = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    out1, err1 = first.communicate(timeout=60)
    out2, err2 = second.communicate(timeout=60)
    assert first.returncode == 0 and second.returncode == 0, (err1, err2)
    assert "applied 5 file(s)" in out1
    assert "waiting for the migration lock held by backend pid" in err2
    assert "runner migrate (lock)" in err2
    assert "up to date" in out2
    assert [r[0] for r in history(db_url)] == ["0001", "0002", "0003", "0004", "0005"]
    assert q(db_url, "SELECT count(*) FROM public.t") == [(4,)]


def test_killed_runner_leaves_nothing_behind(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_long.sql",
          "create table public.half_done (n int);\nselect pg_sleep(60);\n")
    proc = subprocess.Popen([sys.executable, "-m", "runner", "migrate", "--path", str(project), "--url", db_url],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:  # wait until the migration is really running
        if q(db_url, "SELECT count(*) FROM pg_stat_activity WHERE position('pg_sleep(60)' in query) > 0 "
                     "AND application_name = 'runner migrate'") == [(1,)]:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("migration never started")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # The server notices the dead client within client_connection_check_interval (1s).
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if q(db_url, "SELECT count(*) FROM pg_stat_activity WHERE starts_with(application_name, 'runner')") == [(0,)]:
            break
        time.sleep(0.2)
    else:
        raise AssertionError("the killed runner's backends are still there")
    assert q(db_url, "SELECT to_regclass('public.half_done')") == [(None,)]
    assert q(db_url, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'") == [(0,)]
    assert history(db_url) == []
    write(project / "migrations", "0001_long.sql", "create table public.half_done (n int);\n")
    done = runner_cli("migrate", "--path", str(project), "--url", db_url, "--lock-wait", "5")
    assert done.returncode == 0, done.stderr
    assert [r[0] for r in history(db_url)] == ["0001"]


def test_lock_wait_gives_up_naming_the_holder(project: Path, db_url: str) -> None:
    write(project / "migrations", "0001_slow.sql", "select pg_sleep(4);")
    cmd = [sys.executable, "-m", "runner", "migrate", "--path", str(project), "--url", db_url]
    first = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    time.sleep(1.0)
    second = runner_cli("migrate", "--path", str(project), "--url", db_url, "--lock-wait", "1")
    first.communicate(timeout=60)
    assert second.returncode == 4
    assert "gave up after 1s waiting for the migration lock held by backend pid" in second.stderr
    assert "Traceback" not in second.stderr
