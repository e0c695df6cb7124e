"""Passwords never reach the screen."""

from __future__ import annotations

import pytest

from runner.connection import redact


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://app:s3cret@db:5432/prod", "postgresql://app:***@db:5432/prod"),
        ("postgresql://app@db/prod?password=s3cret&sslmode=require",
         "postgresql://app@db/prod?password=***&sslmode=require"),
        ("host=db password=s3cret user=app", "host=db password=*** user=app"),
        ("host=db password='s 3 cret' user=app", "host=db password=*** user=app"),
        ("postgresql:///prod?host=/run/pg", "postgresql:///prod?host=/run/pg"),
    ],
)
def test_redact(url: str, expected: str) -> None:
    assert redact(url) == expected
    assert "s3cret" not in redact(url) and "s 3 cret" not in redact(url)
