"""A new chat's settings from the picked model's defaults."""

from __future__ import annotations

from desktop.core.chat_parameters import ChatParameters
from desktop.core.model_defaults import ModelDefaults, new_chat_start


def test_defaults_round_trip_and_drop_what_is_not_theirs():
    defaults = ModelDefaults(
        ChatParameters(temperature=0.3, num_ctx=16384, think=False), "Be brief."
    )
    assert ModelDefaults.from_mapping(defaults.to_mapping()) == defaults
    odd = {
        "parameters": {"temperature": "hot", "tool_servers": ["x"], "top_p": 0.5},
        "system_prompt": 3,
    }
    assert ModelDefaults.from_mapping(odd) == ModelDefaults(ChatParameters(top_p=0.5))
    assert ModelDefaults.from_mapping([1]) == ModelDefaults()
    assert not ModelDefaults() and not ModelDefaults(system_prompt="  ")


def test_a_new_chat_takes_the_defaults_and_keeps_its_tool_choice():
    defaults = ModelDefaults(ChatParameters(temperature=0.3), "Be brief.")
    pending = ChatParameters(temperature=1.0, tools_off=("search",))
    assert new_chat_start(defaults, pending, started_from_defaults=False) == (
        ChatParameters(temperature=0.3, tools_off=("search",)),
        "Be brief.",
    )


def test_a_model_without_defaults_undoes_another_models_but_keeps_the_persons_own():
    pending = ChatParameters(temperature=0.3, tools_off=("search",))
    assert new_chat_start(None, pending, started_from_defaults=True) == (
        ChatParameters(tools_off=("search",)),
        "",
    )
    assert new_chat_start(None, pending, started_from_defaults=False) is None
