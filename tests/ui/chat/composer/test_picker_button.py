"""The model picker's button: the model's name reads from its start when space runs out."""

from __future__ import annotations

from desktop.ui.chat.composer.picker_button import MAX_HINT, MIN_NAME, SEPARATOR, PickerButton

LONG = "qwen3:4b-instruct-2507-q4_K_M"


def button(qtbot: object) -> PickerButton:
    made = PickerButton("Choose a model")
    qtbot.addWidget(made)  # type: ignore[attr-defined]
    made.set_choice(LONG, "Local Ollama")
    return made


def test_with_room_both_names_show_whole(qtbot: object) -> None:
    picker = button(qtbot)
    name, provider = picker.shown_parts(1000)
    assert (name, provider) == (LONG, SEPARATOR + "Local Ollama")
    assert picker.text() == f"{LONG}{SEPARATOR}Local Ollama"
    assert picker.accessibleDescription() == picker.text(), "a screen reader hears it all"


def test_when_narrow_the_name_shrinks_from_its_end_then_the_provider(qtbot: object) -> None:
    picker = button(qtbot)
    metrics = picker.fontMetrics()
    arrow = metrics.horizontalAdvance(" ▾")
    provider_width = metrics.horizontalAdvance(SEPARATOR + "Local Ollama")
    whole = metrics.horizontalAdvance(LONG) + provider_width + arrow

    name, provider = picker.shown_parts(whole - 30)
    assert provider == SEPARATOR + "Local Ollama", "the provider stays while the name can shrink"
    assert name.startswith("qwen3:4b") and name.endswith("…"), "clipped at the end, not the start"

    name, provider = picker.shown_parts(MIN_NAME + arrow + 40)
    assert provider.endswith("…"), "once the name is down to a few characters"
    assert name.startswith("qwen") and name.endswith("…")
    assert metrics.horizontalAdvance(name + provider) <= MIN_NAME + 40


def test_the_button_never_asks_for_more_than_max_hint(qtbot: object) -> None:
    picker = button(qtbot)
    picker.set_choice("m" * 200, "Local Ollama")
    assert picker.sizeHint().width() == MAX_HINT
    picker.set_choice("", "")
    assert picker.text() == "Choose a model" and picker.model == ""
    assert picker.shown_parts(1000) == ("Choose a model", "")
