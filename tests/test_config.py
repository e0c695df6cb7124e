"""Configuration: every problem reported at once, each naming its key (no server needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from runner.config import load_config, parse_duration
from runner.errors import ConfigError


def test_durations_use_postgresql_units() -> None:
    assert parse_duration("500ms") == 500
    assert parse_duration("10s") == 10_000
    assert parse_duration("5min") == 300_000
    assert parse_duration("1h") == 3_600_000
    assert parse_duration(3) == 3_000
    with pytest.raises(ValueError):
        parse_duration("soon")


def test_every_problem_is_reported_with_its_key(tmp_path: Path) -> None:
    (tmp_path / "sql" / "good").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text(
        """
[tool.runner]
lock_timeout = "fast"
colour = "blue"

[tool.runner.databases.good]
url = "postgresql://u:secret@h/db"

[tool.runner.databases.bad]
path = "sql/nowhere"
url = "postgresql://h/db"
url_env = "BAD_URL"
history_table = "a.b.c"
lock_retries = -1
"""
    )
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "pyproject.toml")
    found = "\n".join(info.value.details)
    for key in ("tool.runner.lock_timeout", "tool.runner.colour", "tool.runner.databases.good.url",
                "tool.runner.databases.bad.path", "tool.runner.databases.bad.url:",
                "tool.runner.databases.bad.history_table", "tool.runner.databases.bad.lock_retries"):
        assert key in found, key
    assert len(info.value.details) == 7
    assert "secret" not in str(info.value)


def test_settings_inherit_and_override(tmp_path: Path) -> None:
    (tmp_path / "sql" / "a").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.runner]\nlock_timeout = "2s"\nhistory_table = "ops.history"\n'
        '[tool.runner.databases.a]\nstatement_timeout = "1min"\nurl_env = "A_URL"\n'
    )
    config = load_config(tmp_path / "pyproject.toml")
    a = config.database("a")
    assert (a.settings.lock_timeout_ms, a.settings.statement_timeout_ms) == (2000, 60_000)
    assert a.settings.history_schema_table == ("ops", "history")
    assert a.path == tmp_path / "sql" / "a" and a.seed_path == tmp_path / "seed-data" / "a"
    with pytest.raises(ConfigError, match="unknown database 'b'"):
        config.database("b")


def test_no_configuration_is_fine(tmp_path: Path) -> None:
    config = load_config(cwd=tmp_path)
    assert config.databases == {} and config.source is None


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.runner\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(tmp_path / "pyproject.toml")
