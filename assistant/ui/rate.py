"""A per-key sliding-window counter, in memory (one app instance's view; pure)."""

from __future__ import annotations

import threading
import time
from collections import deque


class SlidingWindow:
    """At most `limit` events per key within `seconds`. Keys with no recent event are
    dropped, so memory stays bounded by the keys active within the window."""

    def __init__(self, limit: int, seconds: float) -> None:
        self.limit = limit
        self.seconds = seconds
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        events = self._events.get(key, deque())
        while events and events[0] <= now - self.seconds:
            events.popleft()
        return events

    def full(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            events = self._recent(key, now)
            if not events:
                self._events.pop(key, None)
            return len(events) >= self.limit

    def add(self, key: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._events) > 10_000:  # sweep idle keys now and then
                for idle in [k for k, e in self._events.items() if not self._recent(k, now)]:
                    del self._events[idle]
            events = self._recent(key, now)
            events.append(now)
            self._events[key] = events
