"""runner: versioned plain-SQL migrations for PostgreSQL (library core; the CLI is runner.cli)."""

__version__ = "0.1.0"
