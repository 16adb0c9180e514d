"""Counting failed sign-ins per name and per address, with a clock the tests move by hand."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from redraft.config import SignInSettings
from redraft.web.ui.throttle import Attempt, MemoryStore, Refused, SignInThrottle

WINDOW = 900.0


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def throttle(clock: FakeClock) -> SignInThrottle:
    return SignInThrottle(per_name=5, per_address=20, window=WINDOW, clock=clock)


def fail(throttle: SignInThrottle, name: str, address: str | None = "10.0.0.1") -> None:
    """An attempt that goes ahead and is not followed by a success."""
    assert isinstance(throttle.begin(name, address), Attempt)


def test_the_sixth_attempt_within_the_window_is_refused(
    throttle: SignInThrottle, clock: FakeClock
) -> None:
    for _ in range(5):
        fail(throttle, "ada")
        clock.advance(10)

    refused = throttle.begin("ada", "10.0.0.1")

    assert isinstance(refused, Refused)
    # Room again when the first failure (50 s ago) is a whole window old.
    assert refused.retry_after == pytest.approx(WINDOW - 50)
    assert refused.retry_after_seconds == 850


def test_a_refused_attempt_is_not_counted_and_does_not_prolong_the_wait(
    throttle: SignInThrottle, clock: FakeClock
) -> None:
    for _ in range(5):
        fail(throttle, "ada")
    for _ in range(10):
        clock.advance(60)
        assert isinstance(throttle.begin("ada", "10.0.0.1"), Refused)

    clock.advance(WINDOW - 600)

    assert isinstance(throttle.begin("ada", "10.0.0.1"), Attempt)


def test_the_window_slides_one_failure_at_a_time(
    throttle: SignInThrottle, clock: FakeClock
) -> None:
    fail(throttle, "ada")
    clock.advance(300)
    for _ in range(4):
        fail(throttle, "ada")

    clock.advance(WINDOW - 300)  # the first failure has aged out, the other four have not

    assert isinstance(throttle.begin("ada", "10.0.0.1"), Attempt)
    refused = throttle.begin("ada", "10.0.0.1")
    assert isinstance(refused, Refused)
    assert refused.retry_after == pytest.approx(300)


def test_other_names_are_not_held_back(throttle: SignInThrottle) -> None:
    for _ in range(5):
        fail(throttle, "ada")

    assert isinstance(throttle.begin("vic", "10.0.0.1"), Attempt)


def test_a_success_starts_the_name_afresh(throttle: SignInThrottle) -> None:
    for _ in range(4):
        fail(throttle, "ada")
    attempt = throttle.begin("ada", "10.0.0.1")
    assert isinstance(attempt, Attempt)

    throttle.succeeded(attempt)

    for _ in range(5):
        fail(throttle, "ada")
    assert isinstance(throttle.begin("ada", "10.0.0.1"), Refused)


def test_too_many_failures_from_one_address_hold_back_every_name(clock: FakeClock) -> None:
    throttle = SignInThrottle(per_name=5, per_address=3, window=WINDOW, clock=clock)
    for name in ("ada", "vic", "bea"):
        fail(throttle, name)

    assert isinstance(throttle.begin("zed", "10.0.0.1"), Refused)
    assert isinstance(throttle.begin("zed", "10.0.0.2"), Attempt)


def test_successes_do_not_count_against_the_address_but_do_not_wipe_its_failures(
    clock: FakeClock,
) -> None:
    throttle = SignInThrottle(per_name=5, per_address=3, window=WINDOW, clock=clock)
    for _ in range(10):  # an office signing in, one after the other
        attempt = throttle.begin("vic", "10.0.0.1")
        assert isinstance(attempt, Attempt)
        throttle.succeeded(attempt)
    fail(throttle, "ada")
    fail(throttle, "bea")
    attempt = throttle.begin("vic", "10.0.0.1")
    assert isinstance(attempt, Attempt)
    throttle.succeeded(attempt)
    fail(throttle, "cat")

    assert isinstance(throttle.begin("dan", "10.0.0.1"), Refused)


def test_an_unknown_address_is_limited_by_name_only(throttle: SignInThrottle) -> None:
    for _ in range(5):
        fail(throttle, "ada", None)

    assert isinstance(throttle.begin("ada", None), Refused)
    assert isinstance(throttle.begin("vic", None), Attempt)


def test_parallel_attempts_cannot_slip_past_the_limit(throttle: SignInThrottle) -> None:
    start = threading.Barrier(16)

    def attempt(_: int) -> Attempt | Refused:
        start.wait()
        return throttle.begin("ada", "10.0.0.1")

    with ThreadPoolExecutor(max_workers=16) as pool:
        outcomes = list(pool.map(attempt, range(16)))

    assert sum(isinstance(outcome, Attempt) for outcome in outcomes) == 5


def test_retry_after_rounds_up_to_whole_seconds() -> None:
    assert Refused(0.2).retry_after_seconds == 1
    assert Refused(59.01).retry_after_seconds == 60
    assert Refused(60.0).retry_after_seconds == 60


def test_the_store_forgets_the_least_recently_used_names_beyond_its_size(
    clock: FakeClock,
) -> None:
    store = MemoryStore(max_keys=10)
    throttle = SignInThrottle(per_name=5, per_address=1000, window=WINDOW, clock=clock, store=store)
    for index in range(100):
        fail(throttle, f"made-up-{index}")

    assert len(store) == 10


def test_names_whose_failures_aged_out_are_dropped(
    throttle: SignInThrottle, clock: FakeClock
) -> None:
    store = throttle.store
    assert isinstance(store, MemoryStore)
    fail(throttle, "ada")
    clock.advance(WINDOW)

    fail(throttle, "vic", None)

    assert len(store) == 1  # vic: ada's failure, and the address's, have aged out


def test_limits_come_from_the_settings(clock: FakeClock) -> None:
    settings = SignInSettings(max_failures_per_name=2, window_seconds=60)
    throttle = SignInThrottle.from_settings(settings, clock=clock)
    fail(throttle, "ada")
    fail(throttle, "ada")

    refused = throttle.begin("ada", "10.0.0.1")

    assert isinstance(refused, Refused)
    assert refused.retry_after_seconds == 60


@pytest.mark.parametrize(("per_name", "per_address", "window"), [(0, 5, 60), (5, 0, 60), (5, 5, 0)])
def test_limits_that_would_refuse_everyone_are_refused(
    per_name: int, per_address: int, window: float
) -> None:
    with pytest.raises(ValueError, match="at least one attempt"):
        SignInThrottle(per_name=per_name, per_address=per_address, window=window)
