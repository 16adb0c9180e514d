"""Failed sign-ins counted per user name and per client address, in a sliding window.

Every attempt is counted before its password is checked, in one atomic step with the check of
the limits, so parallel guesses cannot all slip in under them; a success takes its own count
back. Counts live in a `FailureStore`: `MemoryStore` keeps them in this process (each server
process counts on its own); a store shared between processes (Redis sorted sets and a script)
can take its place behind the same three calls, given a clock the processes share.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from redraft.config import SignInSettings

Clock = Callable[[], float]
# (key, most attempts allowed within the window)
Limits = Sequence[tuple[str, int]]


class FailureStore(Protocol):
    def reserve(self, limits: Limits, *, now: float, window: float) -> float | None:
        """Count an attempt at `now` under every key, unless a key already has its limit of
        attempts within `window` seconds before `now`: then count nothing and return the
        seconds until that key has room again. All at once, as one step."""
        ...

    def release(self, key: str, at: float) -> None:
        """Take back the attempt counted under `key` at `at`, if it is still there."""
        ...

    def clear(self, key: str) -> None:
        """Forget every attempt counted under `key`."""
        ...


class MemoryStore:
    """Attempts by key in this process; thread-safe (endpoints run on a thread pool).

    A key holds at most its limit of times, and is forgotten once they have all aged out;
    beyond `max_keys` keys the least recently counted go first, so a stream of made-up user
    names cannot grow it without bound (the per-address limit holds one sender of them back).
    """

    def __init__(self, max_keys: int = 10_000) -> None:
        self.max_keys = max_keys
        self._attempts: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def reserve(self, limits: Limits, *, now: float, window: float) -> float | None:
        with self._lock:
            self._forget_idle(now - window)
            wait = 0.0
            for key, limit in limits:
                recent = self._recent(key, now - window)
                if len(recent) >= limit:
                    # Room again once all but limit - 1 of them are older than the window.
                    wait = max(wait, recent[len(recent) - limit] + window - now)
            if wait > 0:
                return wait
            for key, _limit in limits:
                self._attempts.setdefault(key, deque()).append(now)
                self._attempts.move_to_end(key)
            while len(self._attempts) > self.max_keys:
                self._attempts.popitem(last=False)
            return None

    def release(self, key: str, at: float) -> None:
        with self._lock:
            attempts = self._attempts.get(key)
            if attempts is not None and at in attempts:
                attempts.remove(at)

    def clear(self, key: str) -> None:
        with self._lock:
            self._attempts.pop(key, None)

    def __len__(self) -> int:
        return len(self._attempts)

    def _forget_idle(self, since: float) -> None:
        # Keys are in the order their last attempt was counted, so the idle ones lead.
        while self._attempts:
            key, attempts = next(iter(self._attempts.items()))
            if attempts and attempts[-1] > since:
                return
            del self._attempts[key]

    def _recent(self, key: str, since: float) -> deque[float]:
        attempts = self._attempts.get(key, deque())
        while attempts and attempts[0] <= since:
            attempts.popleft()
        if not attempts:
            self._attempts.pop(key, None)
        return attempts


@dataclass(frozen=True, slots=True)
class Attempt:
    """A sign-in allowed to go ahead, already counted as a failure until it succeeds."""

    name_key: str
    address_key: str | None
    at: float


@dataclass(frozen=True, slots=True)
class Refused:
    """Too many failures: `retry_after` seconds until the next attempt is allowed."""

    retry_after: float

    @property
    def retry_after_seconds(self) -> int:
        """Whole seconds for a Retry-After header: rounded up, so a retry is never early."""
        return max(1, math.ceil(self.retry_after))


class SignInThrottle:
    """At most `per_name` failed sign-ins for one user name, and `per_address` from one client
    address, within `window` seconds; beyond that, attempts are refused unchecked."""

    def __init__(
        self,
        *,
        per_name: int,
        per_address: int,
        window: float,
        clock: Clock = time.monotonic,
        store: FailureStore | None = None,
    ) -> None:
        if per_name < 1 or per_address < 1 or window <= 0:
            raise ValueError("limits need at least one attempt and a window over 0 seconds")
        self.per_name = per_name
        self.per_address = per_address
        self.window = window
        self.clock = clock
        self.store: FailureStore = store if store is not None else MemoryStore()

    @classmethod
    def from_settings(
        cls, settings: SignInSettings, *, clock: Clock = time.monotonic
    ) -> SignInThrottle:
        return cls(
            per_name=settings.max_failures_per_name,
            per_address=settings.max_failures_per_address,
            window=settings.window_seconds,
            clock=clock,
        )

    def begin(self, name: str, address: str | None) -> Attempt | Refused:
        """Count an attempt for `name` from `address` (`None`: unknown), or refuse it.

        Unknown names are counted like real ones: a refusal says nothing about who exists.
        """
        name_key = f"name:{name}"
        address_key = f"address:{address}" if address else None
        limits = [(name_key, self.per_name)]
        if address_key is not None:
            limits.append((address_key, self.per_address))
        now = self.clock()
        wait = self.store.reserve(limits, now=now, window=self.window)
        if wait is not None:
            return Refused(wait)
        return Attempt(name_key, address_key, now)

    def succeeded(self, attempt: Attempt) -> None:
        """The password was right: the name starts afresh, and this attempt stops counting
        against the address. Earlier failures from the address still count, or one account's
        successes could be used to keep guessing others' passwords from there."""
        self.store.clear(attempt.name_key)
        if attempt.address_key is not None:
            self.store.release(attempt.address_key, attempt.at)
