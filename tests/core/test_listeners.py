"""The services' observer: every subscriber is told, in order, until it unsubscribes."""

from __future__ import annotations

import logging

import pytest

from desktop.core.listeners import Listeners


def test_subscribers_hear_each_event_in_order_until_they_unsubscribe() -> None:
    heard: list[tuple[str, int]] = []
    on_event: Listeners[[int]] = Listeners()
    on_event.subscribe(lambda n: heard.append(("a", n)))
    stop_b = on_event.subscribe(lambda n: heard.append(("b", n)))

    on_event(1)
    stop_b()
    stop_b()  # twice is harmless
    on_event(2)

    assert heard == [("a", 1), ("b", 1), ("a", 2)]


def test_a_failing_subscriber_is_logged_and_the_others_still_hear(
    caplog: pytest.LogCaptureFixture,
) -> None:
    heard: list[str] = []
    on_event: Listeners[[str]] = Listeners()

    def broken(_text: str) -> None:
        raise ValueError("broken subscriber")

    on_event.subscribe(broken)
    on_event.subscribe(heard.append)
    with caplog.at_level(logging.ERROR, logger="desktop.core.listeners"):
        on_event("news")

    assert heard == ["news"]
    assert "broken subscriber" in caplog.text
