"""Equoria game rules under concurrency, through the real application role.

Each test gets a fresh migrated and seeded database (``migrated_db("equoria", seed=True)``),
creates its own players, horses and shows as the superuser, then plays them from several
connections acting as ``equoria_app`` (``SET ROLE`` + the ``equoria.user_id`` setting, as the
API does). Two kinds of test:

* forced interleavings: connection A does its move and keeps its transaction open, B is shown
  (via ``pg_stat_activity``) to be waiting on A's row lock, then A commits and B's outcome is
  checked;
* races: N threads released together by a barrier, then the final state is checked.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import psycopg
import pytest

# Refusal SQLSTATEs raised by the game-rule functions (see sql/equoria/README.md).
NOT_ENOUGH_MONEY = "EQS05"
ALREADY_ENTERED = "EQS04"
SHOW_ALREADY_RUN = "EQS06"
DISCIPLINE_COOLDOWN = "EQT02"
HORSE_RESTING = "EQT03"

LOCK_WAIT_SECONDS = 10


@dataclass
class World:
    """A seeded database plus helpers to add fixtures as the superuser."""

    url: str
    admin: psycopg.Connection
    players: list[uuid.UUID] = field(default_factory=list)

    def player(self, money: int) -> uuid.UUID:
        player_id = uuid.uuid4()
        self.admin.execute(
            "INSERT INTO equoria.users (id, name, email, money) VALUES (%s, %s, %s, %s)",
            (player_id, "Concurrency Tester", f"{player_id.hex}@example.test", money),
        )
        self.players.append(player_id)
        return player_id

    def horse(self, owner: uuid.UUID, *, age: int = 6, scores: str = '{"Dressage": 40}') -> int:
        row = self.admin.execute(
            """
            INSERT INTO equoria.horses (name, age, gender, breed_id, owner_id, genetics,
                                        discipline_scores, development_stage)
            SELECT 'Racer', %s, 'mare', (SELECT min(id) FROM equoria.breeds), %s,
                   (SELECT genetics FROM equoria.horses ORDER BY id LIMIT 1), %s::jsonb,
                   CASE WHEN %s >= 3 THEN 'adult' ELSE 'newborn' END
            RETURNING id
            """,
            (age, owner, scores, age),
        ).fetchone()
        assert row is not None
        return row[0]

    def show(self, *, fee: int, prize: int = 1000, luck: int = 0) -> int:
        row = self.admin.execute(
            """
            INSERT INTO equoria.shows (name, discipline, entry_fee, prize, luck_max, run_date)
            VALUES (%s, 'Dressage', %s, %s, %s, now() + interval '1 day')
            RETURNING id
            """,
            (f"Race {uuid.uuid4().hex}", fee, prize, luck),
        ).fetchone()
        assert row is not None
        return row[0]

    def scalar(self, query: str, params: tuple[object, ...] = ()) -> object:
        row = self.admin.execute(query, params).fetchone()
        assert row is not None
        return row[0]

    def money(self, player: uuid.UUID) -> int:
        value = self.scalar("SELECT money FROM equoria.users WHERE id = %s", (player,))
        assert isinstance(value, int)
        return value


@pytest.fixture
def world(migrated_db: Callable[..., str]) -> Iterator[World]:
    url = migrated_db("equoria", seed=True)
    with psycopg.connect(url, autocommit=True) as admin:
        yield World(url, admin)


@contextmanager
def player_session(url: str, player: uuid.UUID) -> Iterator[psycopg.Connection]:
    """A connection acting as the API for ``player``; every call runs in its own transaction."""
    with psycopg.connect(url) as conn:
        conn.execute("SET statement_timeout = '30s'")
        conn.execute("SET ROLE equoria_app")
        conn.commit()
        yield conn


def act(conn: psycopg.Connection, player: uuid.UUID, query: str, params: tuple[object, ...]) -> object:
    """Set the acting player (transaction-local, as the API does) and run one game call."""
    conn.execute("SELECT set_config('equoria.user_id', %s, true)", (str(player),))
    row = conn.execute(query, params).fetchone()
    assert row is not None
    return row[0]


def backend_pid(conn: psycopg.Connection) -> int:
    return conn.info.backend_pid


def wait_until_blocked(admin: psycopg.Connection, pid: int) -> bool:
    """True once backend ``pid`` is waiting for a heavyweight lock (a row lock, here)."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while time.monotonic() < deadline:
        row = admin.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone()
        if row is not None and row[0] == "Lock":
            return True
        time.sleep(0.02)
    return False


@dataclass
class Outcome:
    value: object = None
    sqlstate: str | None = None
    error: BaseException | None = None


def run_in_thread(target: Callable[[], object]) -> tuple[threading.Thread, Outcome]:
    """Run ``target`` in a thread, recording its result, its SQLSTATE or any other exception."""
    outcome = Outcome()

    def body() -> None:
        try:
            outcome.value = target()
        except psycopg.Error as exc:
            outcome.sqlstate = exc.sqlstate
        except Exception as exc:  # reported by the test, not lost in the thread
            outcome.error = exc

    thread = threading.Thread(target=body, daemon=True)
    thread.start()
    return thread, outcome


def race(count: int, call: Callable[[int], object]) -> list[Outcome]:
    """Run ``call(i)`` for i in range(count) in threads released together by a barrier."""
    barrier = threading.Barrier(count)
    outcomes = [Outcome() for _ in range(count)]

    def body(i: int) -> None:
        try:
            barrier.wait(timeout=LOCK_WAIT_SECONDS)
            outcomes[i].value = call(i)
        except psycopg.Error as exc:
            outcomes[i].sqlstate = exc.sqlstate
        except Exception as exc:  # reported by the test
            outcomes[i].error = exc

    threads = [threading.Thread(target=body, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
        assert not thread.is_alive(), "a racing call never returned"
    assert [o.error for o in outcomes if o.error] == []
    return outcomes


def test_second_entry_waits_for_the_first_and_cannot_overdraw(world: World) -> None:
    owner = world.player(money=150)
    first_horse, second_horse = world.horse(owner), world.horse(owner)
    show = world.show(fee=100)

    with player_session(world.url, owner) as a, player_session(world.url, owner) as b:
        act(a, owner, "SELECT equoria.enter_show(%s, %s)", (first_horse, show))  # A holds the owner's row

        def second_entry() -> object:
            try:
                return act(b, owner, "SELECT equoria.enter_show(%s, %s)", (second_horse, show))
            finally:
                b.rollback()

        thread, outcome = run_in_thread(second_entry)
        assert wait_until_blocked(world.admin, backend_pid(b)), "the second entry did not wait for the first"
        assert world.money(owner) == 150, "the first entry is not visible before it commits"
        a.commit()
        thread.join(timeout=30)
        assert not thread.is_alive()

    assert outcome.error is None
    assert outcome.sqlstate == NOT_ENOUGH_MONEY, "the second entry must re-read the balance after the first"
    assert world.money(owner) == 50
    assert world.scalar("SELECT count(*) FROM equoria.show_entries WHERE owner_id = %s", (owner,)) == 1


def test_racing_entries_never_overdraw(world: World) -> None:
    owner = world.player(money=350)  # enough for three entries of 100
    horses = [world.horse(owner) for _ in range(8)]
    show = world.show(fee=100)

    def enter(i: int) -> object:
        with player_session(world.url, owner) as conn:
            entry = act(conn, owner, "SELECT equoria.enter_show(%s, %s)", (horses[i], show))
            conn.commit()
            return entry

    outcomes = race(len(horses), enter)
    accepted = [o for o in outcomes if o.sqlstate is None]
    refused = [o.sqlstate for o in outcomes if o.sqlstate is not None]
    assert len(accepted) == 3
    assert refused == [NOT_ENOUGH_MONEY] * 5
    assert world.money(owner) == 50
    assert world.scalar("SELECT sum(fee_paid) FROM equoria.show_entries WHERE owner_id = %s", (owner,)) == 300


def test_racing_entries_of_one_horse_are_charged_once(world: World) -> None:
    owner = world.player(money=1000)
    horse = world.horse(owner)
    show = world.show(fee=100)

    def enter(_: int) -> object:
        with player_session(world.url, owner) as conn:
            entry = act(conn, owner, "SELECT equoria.enter_show(%s, %s)", (horse, show))
            conn.commit()
            return entry

    outcomes = race(6, enter)
    assert sorted(o.sqlstate or "ok" for o in outcomes) == [ALREADY_ENTERED] * 5 + ["ok"]
    assert world.money(owner) == 900
    assert world.scalar("SELECT count(*) FROM equoria.show_entries WHERE horse_id = %s", (horse,)) == 1


def test_second_training_waits_and_hits_the_cooldown(world: World) -> None:
    owner = world.player(money=0)
    horse = world.horse(owner, scores='{"Dressage": 40}')

    with player_session(world.url, owner) as a, player_session(world.url, owner) as b:
        assert act(a, owner, "SELECT equoria.train_horse(%s, 'Dressage')", (horse,)) == 45

        def second_session() -> object:
            try:
                return act(b, owner, "SELECT equoria.train_horse(%s, 'Dressage')", (horse,))
            finally:
                b.rollback()

        thread, outcome = run_in_thread(second_session)
        assert wait_until_blocked(world.admin, backend_pid(b)), "the second session did not wait for the first"
        a.commit()
        thread.join(timeout=30)
        assert not thread.is_alive()

    assert outcome.error is None
    assert outcome.sqlstate == DISCIPLINE_COOLDOWN
    assert world.scalar("SELECT discipline_scores->>'Dressage' FROM equoria.horses WHERE id = %s", (horse,)) == "45"
    assert world.scalar("SELECT count(*) FROM equoria.training_logs WHERE horse_id = %s", (horse,)) == 1


def test_racing_training_sessions_obey_the_cooldowns(world: World) -> None:
    owner = world.player(money=0)
    horse = world.horse(owner, scores='{"Dressage": 40, "Racing": 10}')
    disciplines = ["Dressage"] * 4 + ["Racing"] * 4

    def train(i: int) -> object:
        with player_session(world.url, owner) as conn:
            score = act(conn, owner, "SELECT equoria.train_horse(%s, %s)", (horse, disciplines[i]))
            conn.commit()
            return score

    outcomes = race(len(disciplines), train)
    accepted = [o for o in outcomes if o.sqlstate is None]
    assert len(accepted) == 1, "one session per day, whatever the discipline"
    assert {o.sqlstate for o in outcomes if o.sqlstate} <= {DISCIPLINE_COOLDOWN, HORSE_RESTING}
    assert world.scalar("SELECT count(*) FROM equoria.training_logs WHERE horse_id = %s", (horse,)) == 1
    scores = world.scalar("SELECT discipline_scores FROM equoria.horses WHERE id = %s", (horse,))
    assert scores in ({"Dressage": 45, "Racing": 10}, {"Dressage": 40, "Racing": 15})


def test_racing_show_runs_pay_once(world: World) -> None:
    owner = world.player(money=1000)
    horses = [world.horse(owner, scores=f'{{"Dressage": {score}}}') for score in (60, 50, 40)]
    show = world.show(fee=100, prize=1000)
    with player_session(world.url, owner) as conn:
        for horse in horses:
            act(conn, owner, "SELECT equoria.enter_show(%s, %s)", (horse, show))
        conn.commit()
    assert world.money(owner) == 700

    def run(_: int) -> object:
        with psycopg.connect(world.url) as conn:
            conn.execute("SET ROLE equoria_admin")
            row = conn.execute("SELECT equoria.run_show(%s)", (show,)).fetchone()
            conn.commit()
            assert row is not None
            return row[0]

    outcomes = race(4, run)
    assert sorted(o.sqlstate or "ok" for o in outcomes) == [SHOW_ALREADY_RUN] * 3 + ["ok"]
    assert world.scalar("SELECT count(*) FROM equoria.competition_results WHERE show_id = %s", (show,)) == 3
    assert world.money(owner) == 1700, "the purse is paid exactly once"


def test_racing_enrichment_applies_each_program_day_once(world: World) -> None:
    owner = world.player(money=0)
    foal = world.horse(owner, age=0, scores="{}")
    world.admin.execute("INSERT INTO equoria.foal_development (foal_id) VALUES (%s)", (foal,))

    def enrich(_: int) -> object:
        with player_session(world.url, owner) as conn:
            summary = act(conn, owner, "SELECT equoria.enrich_foal(%s, 'grooming')", (foal,))
            conn.commit()
            return summary

    outcomes = race(5, enrich)
    assert [o.sqlstate for o in outcomes] == [None] * 5
    days = sorted(o.value["program_day"] for o in outcomes if isinstance(o.value, dict))
    assert days == [1, 2, 3, 4, 5]
    assert world.scalar("SELECT current_day FROM equoria.foal_development WHERE foal_id = %s", (foal,)) == 5
    assert world.scalar("SELECT bond_score FROM equoria.horses WHERE id = %s", (foal,)) == 50 + 5 * 4
