"""Migration files on disk: names, versions, pairing, directives, checksums (no server needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runner.errors import SourceError
from runner.sources import checksum, discover, normalise, version_key
from tests.conftest import write


def problems(path: Path) -> list[str]:
    with pytest.raises(SourceError) as info:
        discover(path)
    return info.value.details


def test_versions_compare_numerically_part_by_part() -> None:
    assert version_key("10") > version_key("9")
    assert version_key("1.10") > version_key("1.9")
    assert version_key("0007") == version_key("7")
    assert version_key("1.0") == version_key("1")
    assert version_key("1_2") == version_key("1.2")


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=4),
       st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=4))
def test_version_order_matches_integer_tuples(a: list[int], b: list[int]) -> None:
    def strip(parts: list[int]) -> tuple[int, ...]:
        parts = list(parts)
        while len(parts) > 1 and parts[-1] == 0:
            parts.pop()
        return tuple(parts)

    va = ".".join(str(p).zfill(3) for p in a)
    vb = ".".join(str(p) for p in b)
    assert (version_key(va) < version_key(vb)) == (strip(a) < strip(b))


def test_native_layout_pairs_rollbacks_and_orders_by_number(project: Path) -> None:
    m = project / "migrations"
    write(m, "10_ten.sql", "select 10;")
    write(m, "9_nine.sql", "select 9;")
    write(m, "9_nine.rollback.sql", "select -9;")
    write(project / "repeatable", "b_view.sql", "select 'b';")
    write(project / "repeatable", "a_fn.sql", "select 'a';")
    write(project / "repeatable", "a_fn.rollback.sql", "select 'undo a';")
    found = discover(project)
    assert [x.version for x in found.versioned] == ["9", "10"]
    assert found.versioned[0].rollback is not None and found.versioned[1].rollback is None
    assert [x.ident for x in found.repeatable] == ["a_fn", "b_view"]
    assert found.repeatable[0].rollback is not None


def test_flyway_and_yoyo_names_are_accepted(tmp_path: Path) -> None:
    write(tmp_path, "V1__init.sql", "select 1;")
    write(tmp_path, "V1_1__more_things.sql", "select 11;")
    write(tmp_path, "U1_1__more_things.sql", "select -11;")
    write(tmp_path, "R__views.sql", "select 'r';")
    write(tmp_path, "20240102_01_AbCdE-create-table.sql", "-- depends: V1__init\nselect 2;")
    found = discover(tmp_path)
    assert [x.version for x in found.versioned] == ["1", "1.1", "20240102.1"]
    assert [x.description for x in found.versioned] == ["init", "more things", "create table"]
    assert found.versioned[1].rollback is not None
    assert [x.description for x in found.repeatable] == ["views"]
    assert found.versioned[2].script.directives.depends == ("V1__init",)


def test_every_naming_problem_is_reported_together(project: Path) -> None:
    m = project / "migrations"
    write(m, "0001_a.sql", "select 1;")
    write(m, "1_b.sql", "select 1;")  # same version as 0001
    write(m, "0002_x.rollback.sql", "select 1;")  # no migration
    write(m, "notes.sql", "select 1;")  # unparseable
    write(m, "0003_c.sql", "-- runner: transactional-ish\nselect 1;")  # unknown directive
    found = problems(project)
    assert any("duplicate version" in p and "0001_a.sql" in p and "1_b.sql" in p for p in found)
    assert any("0002_x.rollback.sql" in p and "without its migration" in p for p in found)
    assert any("notes.sql" in p and "cannot tell the version" in p for p in found)
    assert any("0003_c.sql:1" in p and "unknown directive" in p for p in found)
    assert len(found) == 4


def test_directives_are_read_from_the_leading_comment_block(project: Path) -> None:
    write(project / "migrations", "0001_a.sql",
          "-- What: an index.\n-- runner: no-transaction\n-- runner: lock-timeout 10s\n"
          "-- runner: statement-timeout 5min\n\ncreate index concurrently i on t (x);\n"
          "-- runner: irreversible\n")
    d = discover(project).versioned[0].script.directives
    assert (d.transactional, d.lock_timeout_ms, d.statement_timeout_ms, d.irreversible) == (
        False, 10_000, 300_000, False)  # the last line is not in the leading block


def test_bad_directive_value_names_file_and_line(project: Path) -> None:
    write(project / "migrations", "0001_a.sql", "-- hello\n-- runner: lock-timeout soon\nselect 1;")
    assert any("0001_a.sql:2" in p and "not a duration" in p for p in problems(project))


def test_psql_meta_commands_are_rejected_with_line_and_column(project: Path) -> None:
    write(project / "migrations", "0001_a.sql",
          "select 1;\ncreate function f() returns text language sql as $$ select '\\i no' $$;\n"
          "  \\i other.sql\nselect E'\\\\set no';\n")
    found = problems(project)
    assert len(found) == 1 and "0001_a.sql:3:3" in found[0] and "\\i" in found[0]


def test_transaction_control_is_rejected_but_begin_atomic_is_fine(project: Path) -> None:
    write(project / "migrations", "0001_a.sql",
          "create function f() returns int language sql begin atomic select 1; end;\n"
          "BEGIN;\ncreate table t ();\nCOMMIT;\n")
    found = problems(project)
    assert len(found) == 2 and all("transaction control" in p for p in found)
    assert "0001_a.sql:4:1" in found[1]
    write(project / "migrations", "0001_a.sql",
          "create function f() returns int language sql begin atomic select 1; end;\n")
    assert discover(project).versioned[0].script.directives.transactional


def test_no_transaction_file_must_parse(project: Path) -> None:
    write(project / "migrations", "0001_a.sql", "-- runner: no-transaction\nselect 1;\nselec 2;\n")
    found = problems(project)
    assert len(found) == 1 and "0001_a.sql:3:1" in found[0] and "syntax error" in found[0]


def test_irreversible_with_a_rollback_file_is_contradictory(project: Path) -> None:
    write(project / "migrations", "0001_a.sql", "-- runner: irreversible\nselect 1;")
    write(project / "migrations", "0001_a.rollback.sql", "select 1;")
    assert any("irreversible" in p for p in problems(project))


def test_unknown_dependency_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "0001_a.sql", "-- depends: 0009_zzz\nselect 1;")
    assert any("depends on unknown migration" in p for p in problems(tmp_path))


def test_checksum_ignores_bom_and_line_endings() -> None:
    text = "create table t (\n  id int\n);\n"
    assert checksum(normalise(text.encode())) == checksum(normalise(("\ufeff" + text).encode()))
    assert checksum(normalise(text.encode())) == checksum(normalise(text.replace("\n", "\r\n").encode()))
    assert checksum(normalise(text.encode())) != checksum(normalise(text.replace("id", "ID").encode()))


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\r\ufeff")))
def test_checksum_normalisation_is_invariant(text: str) -> None:
    plain = checksum(normalise(text.encode()))
    assert plain == checksum(normalise(("\ufeff" + text.replace("\n", "\r\n")).encode()))


def test_non_utf8_file_is_reported(project: Path) -> None:
    (project / "migrations" / "0001_a.sql").write_bytes(b"select '\xff';")
    assert any("not valid UTF-8" in p for p in problems(project))


def test_missing_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not found"):
        discover(tmp_path / "nope")
