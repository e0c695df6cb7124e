"""The SQL scanner: quoting rules that decide what is code (no server needed)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from runner.sqltext import leading_comment_lines, line_col, meta_commands, parse, segments


def code(text: str) -> str:
    return "".join(text[s.start:s.end] for s in segments(text) if s.kind == "code")


def test_dollar_quotes_nested_comments_and_strings_are_not_code() -> None:
    text = ("select $tag$ ; \\x $$ $tag$, 'it''s; \\y', E'\\'; \\z', \"a;b\" /* a /* b ; */ c */ ; "
            "-- x ; \\q\nselect 1;")
    assert code(text).count(";") == 2
    assert meta_commands(text) == []


def test_identifier_with_dollar_is_not_a_dollar_quote() -> None:
    text = "select a$b$c from t; \\gset"
    assert [m.command for m in meta_commands(text)] == ["\\gset"]


def test_non_ascii_dollar_tags_and_identifiers() -> None:
    # PostgreSQL's scanner takes any non-ASCII character as an identifier letter: $é1$ is a tag,
    # and in café$x$ the $ belongs to the identifier, so no quote starts there.
    text = "select $é1$ ; \\x $é1$, café$x$ from t; \\gset"
    assert code(text).count(";") == 1
    assert [m.command for m in meta_commands(text)] == ["\\gset"]
    assert meta_commands("select $1x$ \\q $1x$;") != []  # a tag cannot start with a digit


@given(st.text(alphabet="ab;'\"$-/*\\\nE ", max_size=60))
def test_segments_cover_the_text_exactly_once(text: str) -> None:
    pieces = list(segments(text))
    assert "".join(text[s.start:s.end] for s in pieces) == text
    assert all(s.start < s.end for s in pieces)


def test_line_col_is_one_based() -> None:
    assert line_col("ab\ncd", 0) == (1, 1)
    assert line_col("ab\ncd", 4) == (2, 2)


def test_leading_comment_block_stops_at_first_code() -> None:
    text = "\n-- one\n\n-- two\nselect 1;\n-- three\n"
    assert leading_comment_lines(text) == [(2, "one"), (4, "two")]


def test_parser_finds_function_and_do_bodies() -> None:
    text = "select 'é';\ncreate function s.f() returns int language plpgsql as $b$\nbegin return 1; end $b$;\ndo $$ begin end $$;"
    stmts = parse(text)
    assert [s.node for s in stmts] == ["SelectStmt", "CreateFunctionStmt", "DoStmt"]
    assert stmts[1].name == "f"
    assert text[stmts[1].body_offset:].startswith("\nbegin return 1;")
    assert text[stmts[2].body_offset:].startswith(" begin end")
