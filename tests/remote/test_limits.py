"""The failed-logon throttle on its own, with a clock the test moves."""

from __future__ import annotations

from cscmdlets.remote.serve.limits import LogonThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_lockout_lasts_its_window_then_lifts() -> None:
    clock = Clock()
    throttle = LogonThrottle(failures=3, lockout_seconds=600, clock=clock)
    for _ in range(3):
        assert not throttle.is_locked("10.0.0.1", "Admin")
        throttle.failed("10.0.0.1", "admin")
    assert throttle.is_locked("10.0.0.1", "ADMIN")  # account names compare case-insensitively
    assert not throttle.is_locked("10.0.0.2", "admin")
    clock.now = 599
    assert throttle.is_locked("10.0.0.1", "admin")
    clock.now = 601
    assert not throttle.is_locked("10.0.0.1", "admin")


def test_success_clears_the_count_and_zero_never_locks() -> None:
    throttle = LogonThrottle(failures=2, clock=Clock())
    throttle.failed("a", "u")
    throttle.succeeded("a", "u")
    throttle.failed("a", "u")
    assert not throttle.is_locked("a", "u")
    never = LogonThrottle(failures=0, clock=Clock())
    for _ in range(100):
        never.failed("a", "u")
    assert not never.is_locked("a", "u")


def test_invented_account_names_do_not_grow_it_without_bound() -> None:
    throttle = LogonThrottle(failures=3, max_tracked=100, clock=Clock())
    for number in range(10_000):
        throttle.failed("a", f"user{number}")
    assert len(throttle._recent) == 100
    for _ in range(3):
        throttle.failed("a", "target")
    assert throttle.is_locked("a", "target")
