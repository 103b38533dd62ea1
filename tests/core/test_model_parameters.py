from __future__ import annotations

from desktop.core.model_parameters import parameters_from_rows, rows_from_show
from tests.servers.ollama_server import parameter_lines


def test_show_lines_round_trip_to_the_create_object() -> None:
    sent = {"stop": ["<|im_start|>", 'say "end"'], "num_ctx": 4096, "temperature": 0.7}
    rows = rows_from_show(parameter_lines(sent))
    assert rows == [
        ("stop", "<|im_start|>"),
        ("stop", 'say "end"'),
        ("num_ctx", "4096"),
        ("temperature", "0.7"),
    ]
    assert parameters_from_rows(rows) == sent


def test_rows_typed_as_json_values() -> None:
    rows = [
        ("stop", " 12 "),
        ("seed", "42"),
        ("mirostat", "x"),
        ("penalize_newline", "True"),
        ("", "7"),
    ]
    assert parameters_from_rows(rows) == {
        "stop": [" 12 "],
        "seed": 42,
        "mirostat": "x",
        "penalize_newline": True,
    }
