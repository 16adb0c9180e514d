"""Per-stage wall time for a benchmark, by wrapping the functions a stage runs.

The wrappers are installed by the benchmark only (``StageClock.patch`` swaps a module attribute
for the run and puts it back after), so nothing in ``src`` carries timing code. Time is
exclusive: a stage called from inside another one is charged to the inner stage only, so the
stages add up to the measured total and "other" is what no wrapper saw.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any


class StageClock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._stack: list[str] = []
        self._mark = 0.0
        self._patched: list[tuple[object, str, object]] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        now = time.perf_counter()
        if self._stack:
            self.seconds[self._stack[-1]] += now - self._mark
        self._stack.append(name)
        self.calls[name] += 1
        self._mark = now
        try:
            yield
        finally:
            now = time.perf_counter()
            self.seconds[self._stack.pop()] += now - self._mark
            self._mark = now

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.stage(name):
                return fn(*args, **kwargs)

        return timed

    def patch(self, owner: ModuleType | object, attribute: str, name: str) -> None:
        """Charge every call of ``owner.attribute`` to stage ``name`` until ``restore``."""
        original = getattr(owner, attribute)
        self._patched.append((owner, attribute, original))
        setattr(owner, attribute, self.wrap(name, original))

    def restore(self) -> None:
        while self._patched:
            owner, attribute, original = self._patched.pop()
            setattr(owner, attribute, original)

    def reset(self) -> None:
        self.seconds.clear()
        self.calls.clear()
