"""PulsePlus economy under concurrency, through the real roles and one connection per session.

Each test gets a fresh migrated and seeded database (``migrated_db("pulseplus", seed=True)``),
creates its own game, currency, shop and competitors as the superuser, then races sessions
against each other: threads released together by a barrier, each with its own connection
acting as ``pulseplus_app`` (``SET ROLE`` + the per-transaction setting ``pulseplus.user_id``,
as the API does) or as ``pulseplus_admin`` (a trusted game service). Afterwards the invariants
are checked: nothing oversold, no negative balance, every balance equal to its ledger, every
reward paid exactly once. One forced interleaving shows the second buyer of the last item
waiting for the first and then being refused.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import psycopg
import pytest

# Refusal SQLSTATEs of the economy functions (see sql/pulseplus/README.md).
INSUFFICIENT_FUNDS = "PP001"
OUT_OF_STOCK = "PP002"
LIMIT_REACHED = "PP004"
QUEST_COMPLETED = "PP008"

WAIT_SECONDS = 20


@dataclass
class Outcome:
    value: object = None
    sqlstate: str | None = None
    error: BaseException | None = None


@dataclass
class World:
    """A seeded database, one game with one currency and a shop, and helpers (as superuser)."""

    url: str
    admin: psycopg.Connection
    game: uuid.UUID = field(default_factory=uuid.uuid4)
    currency: uuid.UUID = field(default_factory=uuid.uuid4)
    shop: uuid.UUID = field(default_factory=uuid.uuid4)

    def __post_init__(self) -> None:
        slug = f"race-{self.game.hex[:12]}"
        self.admin.execute("INSERT INTO pulseplus.game (id, slug, name, status) VALUES (%s, %s, 'Race', 'active')",
                           (self.game, slug))
        self.admin.execute("INSERT INTO pulseplus.virtual_currency (id, game_id, code, name) VALUES (%s, %s, 'RACE', 'Race')",
                           (self.currency, self.game))
        self.admin.execute("INSERT INTO pulseplus.reward_shop (id, game_id, currency_id, name) VALUES (%s, %s, %s, 'Race shop')",
                           (self.shop, self.game, self.currency))

    def competitor(self, money: int) -> tuple[uuid.UUID, uuid.UUID]:
        """A new user and their competitor holding ``money``; returns (user_id, competitor_id)."""
        user, competitor = uuid.uuid4(), uuid.uuid4()
        self.admin.execute(
            "INSERT INTO pulseplus.sys_user (id, email, first_name, last_name, display_name)"
            " VALUES (%s, %s, 'Race', 'Tester', 'Race Tester')", (user, f"{user.hex}@example.test"))
        self.admin.execute("INSERT INTO pulseplus.competitor (id, game_id, user_id, display_name) VALUES (%s, %s, %s, 'Racer')",
                           (competitor, self.game, user))
        if money:
            self.admin.execute("SELECT pulseplus.award_currency(%s, %s, %s, 'race money')", (competitor, self.currency, money))
        return user, competitor

    def item(self, *, price: int, stock: int | None, per_user_limit: int | None = None) -> uuid.UUID:
        item = uuid.uuid4()
        self.admin.execute(
            "INSERT INTO pulseplus.shop_item (id, shop_id, sku, name, price, stock, per_user_limit)"
            " VALUES (%s, %s, %s, 'Race item', %s, %s, %s)",
            (item, self.shop, f"RACE-{item.hex[:8].upper()}", price, stock, per_user_limit))
        return item

    def scalar(self, query: str, params: tuple[object, ...] = ()) -> object:
        row = self.admin.execute(query, params).fetchone()
        assert row is not None
        return row[0]

    def balance(self, competitor: uuid.UUID) -> int:
        value = self.scalar("SELECT coalesce(max(balance), 0) FROM pulseplus.currency_balance WHERE competitor_id = %s",
                            (competitor,))
        assert isinstance(value, int)
        return value

    def stock(self, item: uuid.UUID) -> int | None:
        value = self.scalar("SELECT stock FROM pulseplus.shop_item WHERE id = %s", (item,))
        assert value is None or isinstance(value, int)
        return value

    def sold(self, item: uuid.UUID) -> int:
        value = self.scalar("SELECT coalesce(sum(quantity), 0)::integer FROM pulseplus.purchase WHERE shop_item_id = %s", (item,))
        assert isinstance(value, int)
        return value

    def assert_economy_consistent(self) -> None:
        """No negative balance, and every balance of the game equals the sum of its ledger."""
        negative = self.scalar("SELECT count(*) FROM pulseplus.currency_balance WHERE balance < 0")
        assert negative == 0
        mismatched = self.scalar(
            """
            SELECT count(*) FROM pulseplus.currency_balance b
             WHERE b.game_id = %s
               AND b.balance <> (SELECT coalesce(sum(t.amount), 0) FROM pulseplus.currency_transaction t
                                  WHERE t.competitor_id = b.competitor_id AND t.currency_id = b.currency_id)
            """, (self.game,))
        assert mismatched == 0, "a balance differs from the sum of its ledger"


@pytest.fixture
def world(migrated_db: Callable[..., str]) -> Iterator[World]:
    url = migrated_db("pulseplus", seed=True)
    with psycopg.connect(url, autocommit=True) as admin:
        yield World(url, admin)


def app_connection(url: str) -> psycopg.Connection:
    """A connection acting as the API (role pulseplus_app); each call runs in its own transaction."""
    conn = psycopg.connect(url)
    conn.execute("SET statement_timeout = '30s'")
    conn.execute("SET ROLE pulseplus_app")
    conn.commit()
    return conn


def buy(url: str, user: uuid.UUID, competitor: uuid.UUID, item: uuid.UUID, quantity: int = 1) -> object:
    """One purchase in its own connection and transaction, as the API makes it."""
    with app_connection(url) as conn:
        conn.execute("SELECT set_config('pulseplus.user_id', %s, true)", (str(user),))
        row = conn.execute("SELECT pulseplus.purchase_item(%s, %s, %s)", (competitor, item, quantity)).fetchone()
        conn.commit()
        assert row is not None
        return row[0]


def race(count: int, call: Callable[[int], object]) -> list[Outcome]:
    """Run ``call(i)`` for i in range(count) in threads released together by a barrier."""
    barrier = threading.Barrier(count)
    outcomes = [Outcome() for _ in range(count)]

    def body(i: int) -> None:
        try:
            barrier.wait(timeout=WAIT_SECONDS)
            outcomes[i].value = call(i)
        except psycopg.Error as exc:
            outcomes[i].sqlstate = exc.sqlstate
        except Exception as exc:  # reported by the test, not lost in the thread
            outcomes[i].error = exc

    threads = [threading.Thread(target=body, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
        assert not thread.is_alive(), "a racing call never returned"
    assert [o.error for o in outcomes if o.error] == []
    return outcomes


def codes(outcomes: list[Outcome]) -> list[str]:
    return sorted(o.sqlstate or "ok" for o in outcomes)


def test_many_buyers_of_the_last_items_never_oversell(world: World) -> None:
    item = world.item(price=10, stock=3)
    buyers = [world.competitor(money=100) for _ in range(16)]

    outcomes = race(len(buyers), lambda i: buy(world.url, *buyers[i], item))

    assert codes(outcomes) == [OUT_OF_STOCK] * 13 + ["ok"] * 3
    assert world.stock(item) == 0
    assert world.sold(item) == 3
    balances = sorted(world.balance(competitor) for _, competitor in buyers)
    assert balances == [90] * 3 + [100] * 13, "only the three buyers who got an item paid"
    world.assert_economy_consistent()


def test_racing_purchases_never_overdraw_a_balance(world: World) -> None:
    user, competitor = world.competitor(money=35)
    item = world.item(price=10, stock=None)

    outcomes = race(10, lambda _: buy(world.url, user, competitor, item))

    assert codes(outcomes) == [INSUFFICIENT_FUNDS] * 7 + ["ok"] * 3
    assert world.balance(competitor) == 5
    assert world.sold(item) == 3
    world.assert_economy_consistent()


def test_buyers_racing_for_many_scarce_items_in_different_orders(world: World) -> None:
    """Each session buys five items one after another, in its own order (no deadlocks)."""
    items = [world.item(price=10, stock=3) for _ in range(5)]
    buyers = [world.competitor(money=25) for _ in range(12)]  # enough for two items each

    def shopping_spree(i: int) -> object:
        user, competitor = buyers[i]
        order = items[i % 5:] + items[: i % 5]
        results = []
        for item in order:
            try:
                buy(world.url, user, competitor, item)
                results.append("ok")
            except psycopg.Error as exc:
                results.append(exc.sqlstate or "?")
        return results

    outcomes = race(len(buyers), shopping_spree)

    results = [r for o in outcomes for r in o.value]  # type: ignore[union-attr]
    assert set(results) <= {"ok", OUT_OF_STOCK, INSUFFICIENT_FUNDS}, "no deadlock or other error"
    assert results.count("ok") == 15, "demand (24) exceeds supply (15): everything is sold, nothing more"
    for item in items:
        assert world.stock(item) == 0
        assert world.sold(item) == 3
    assert all(0 <= world.balance(competitor) <= 25 for _, competitor in buyers)
    world.assert_economy_consistent()


def test_racing_purchases_respect_the_per_user_limit(world: World) -> None:
    user, competitor = world.competitor(money=1000)
    item = world.item(price=10, stock=100, per_user_limit=1)

    outcomes = race(8, lambda _: buy(world.url, user, competitor, item))

    assert codes(outcomes) == [LIMIT_REACHED] * 7 + ["ok"]
    assert world.sold(item) == 1
    assert world.stock(item) == 99
    assert world.balance(competitor) == 990
    world.assert_economy_consistent()


def test_second_buyer_of_the_last_item_waits_and_is_refused(world: World) -> None:
    item = world.item(price=10, stock=1)
    (user_a, comp_a), (user_b, comp_b) = world.competitor(money=50), world.competitor(money=50)

    with app_connection(world.url) as a, app_connection(world.url) as b:
        a.execute("SELECT set_config('pulseplus.user_id', %s, true)", (str(user_a),))
        a.execute("SELECT pulseplus.purchase_item(%s, %s)", (comp_a, item))  # A holds the item row

        outcome = Outcome()

        def second_buyer() -> None:
            try:
                b.execute("SELECT set_config('pulseplus.user_id', %s, true)", (str(user_b),))
                b.execute("SELECT pulseplus.purchase_item(%s, %s)", (comp_b, item))
                b.commit()
            except psycopg.Error as exc:
                outcome.sqlstate = exc.sqlstate
                b.rollback()

        thread = threading.Thread(target=second_buyer, daemon=True)
        thread.start()
        deadline = time.monotonic() + WAIT_SECONDS
        waiting = False
        while time.monotonic() < deadline and not waiting:
            row = world.admin.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s",
                                      (b.info.backend_pid,)).fetchone()
            waiting = row is not None and row[0] == "Lock"
            time.sleep(0.02)
        assert waiting, "the second buyer did not wait for the first"
        assert world.stock(item) == 1, "the first purchase is not visible before it commits"
        a.commit()
        thread.join(timeout=WAIT_SECONDS)
        assert not thread.is_alive()

    assert outcome.sqlstate == OUT_OF_STOCK, "the second buyer must re-check the stock after the first commits"
    assert world.stock(item) == 0
    assert (world.balance(comp_a), world.balance(comp_b)) == (40, 50)
    world.assert_economy_consistent()


def admin_call(url: str, query: str, params: tuple[object, ...]) -> object:
    """One call as a trusted game service (role pulseplus_admin), in its own transaction."""
    with psycopg.connect(url) as conn:
        conn.execute("SET ROLE pulseplus_admin")
        row = conn.execute(query, params).fetchone()
        conn.commit()
        assert row is not None
        return row[0]


def test_racing_objectives_complete_the_quest_exactly_once(world: World) -> None:
    _, competitor = world.competitor(money=0)
    quest = uuid.uuid4()
    world.admin.execute(
        "INSERT INTO pulseplus.quest (id, game_id, key, name, reward_currency_id, reward_amount)"
        " VALUES (%s, %s, 'race-quest', 'Race quest', %s, 70)", (quest, world.game, world.currency))
    objectives = [uuid.uuid4() for _ in range(6)]
    for position, objective in enumerate(objectives, start=1):
        world.admin.execute(
            "INSERT INTO pulseplus.quest_objective (id, quest_id, position, description) VALUES (%s, %s, %s, 'Race')",
            (objective, quest, position))

    outcomes = race(len(objectives), lambda i: admin_call(
        world.url, "SELECT pulseplus.complete_objective(%s, %s)", (competitor, objectives[i])))

    assert [o.sqlstate for o in outcomes] == [None] * len(objectives)
    assert sorted(bool(o.value) for o in outcomes) == [False] * 5 + [True], "exactly the last objective completes it"
    assert world.scalar("SELECT status FROM pulseplus.quest_progress WHERE quest_id = %s", (quest,)) == "completed"
    assert world.balance(competitor) == 70, "the reward is paid once"
    again = race(3, lambda i: admin_call(world.url, "SELECT pulseplus.complete_objective(%s, %s)",
                                         (competitor, objectives[i])))
    assert codes(again) == [QUEST_COMPLETED] * 3
    assert world.balance(competitor) == 70
    world.assert_economy_consistent()


def test_racing_xp_unlocks_every_tier_exactly_once(world: World) -> None:
    _, competitor = world.competitor(money=0)
    season = uuid.uuid4()
    world.admin.execute(
        "INSERT INTO pulseplus.season (id, game_id, number, name, starts_at, ends_at)"
        " VALUES (%s, %s, 1, 'Race season', now() - interval '1 day', now() + interval '1 day')", (season, world.game))
    for tier in range(1, 11):
        world.admin.execute(
            "INSERT INTO pulseplus.season_tier (season_id, tier_number, name, xp_required, reward_currency_id, reward_amount)"
            " VALUES (%s, %s, 'Tier', %s, %s, %s)", (season, tier, tier * 100, world.currency, tier))

    outcomes = race(10, lambda _: admin_call(world.url, "SELECT pulseplus.add_season_xp(%s, %s, 100)",
                                             (competitor, season)))

    assert [o.sqlstate for o in outcomes] == [None] * 10
    assert sum(o.value for o in outcomes) == 10, "ten tiers unlocked in all"  # type: ignore[misc]
    assert world.scalar("SELECT xp FROM pulseplus.season_pass_progress WHERE season_id = %s", (season,)) == 1000
    assert world.scalar("SELECT current_tier FROM pulseplus.season_pass_progress WHERE season_id = %s", (season,)) == 10
    assert world.scalar("SELECT count(*) FROM pulseplus.currency_transaction WHERE competitor_id = %s AND kind = 'tier_reward'",
                        (competitor,)) == 10
    assert world.balance(competitor) == sum(range(1, 11)), "each tier paid once"
    assert world.scalar("SELECT score FROM pulseplus.leaderboard WHERE season_id = %s", (season,)) == 1000
    world.assert_economy_consistent()
