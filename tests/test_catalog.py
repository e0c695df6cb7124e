"""The catalog snapshot notices what a sloppy rollback file forgets."""

from __future__ import annotations

import psycopg
import pytest

from runner import catalog

BASE = """
create schema app;
create table app.items (id bigint generated always as identity primary key, name text not null default 'x');
"""


def snap(url: str) -> catalog.Snapshot:
    with psycopg.connect(url) as conn:
        return catalog.snapshot(conn, exclude_tables=("public.schema_migrations",))


def run(url: str, sql: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("create index items_name on app.items (name)", "+ index: CREATE INDEX items_name ON app.items"),
        ("create function app.tg() returns trigger language plpgsql as $$ begin return new; end $$;"
         "create trigger t before insert on app.items for each row execute function app.tg()", "+ trigger: CREATE TRIGGER t"),
        ("grant select on app.items to public", "acl"),
        ("comment on column app.items.name is 'the name'", "comment 'the name'"),
        ("alter table app.items enable row level security", "rls"),
        ("alter table app.items alter column name set default 'y'", "default 'y'::text"),
        ("create policy p on app.items using (true)", "+ policy: p on app.items"),
        ("alter table app.items add constraint name_len check (length(name) < 10)", "name_len"),
        ("create type app.mood as enum ('happy', 'sad')", "enum ('happy', 'sad')"),
        ("create or replace view app.v as select id from app.items", "+ view: app.v as"),
    ],
)
def test_diff_shows_each_kind_of_change(db_url: str, change: str, expected: str) -> None:
    run(db_url, BASE)
    before = snap(db_url)
    run(db_url, change)
    lines = catalog.diff(before, snap(db_url))
    assert lines and any(expected in line for line in lines), lines


def test_function_body_change_is_seen(db_url: str) -> None:
    run(db_url, BASE + "create function app.f() returns int language sql immutable as 'select 1';")
    before = snap(db_url)
    run(db_url, "create or replace function app.f() returns int language sql immutable as 'select 2';")
    assert any("select 2" in line for line in catalog.diff(before, snap(db_url)))


def test_grant_then_revoke_is_no_change_and_history_is_hidden(db_url: str) -> None:
    run(db_url, BASE + "create table public.schema_migrations (id int primary key);")
    before = snap(db_url)
    assert not any("schema_migrations" in x for v in before.objects.values() for x in v)
    run(db_url, "grant usage on schema app to public; revoke usage on schema app from public;"
                "grant select on app.items to public; revoke select on app.items from public;")
    assert catalog.diff(before, snap(db_url)) == []
