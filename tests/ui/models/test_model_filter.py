"""The installed list's filter: words typed and a capability chosen narrow it at once."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core.model_records import LocalModel
from desktop.ui.models.model_filter import ModelFilterProxy
from desktop.ui.models.model_list_model import MODEL_ROLE, ModelListModel

MODELS = [
    LocalModel("llama3.2-vision:11b", 7_900_000_000, "d1", family="mllama"),
    LocalModel("qwen2.5-coder:7b", 4_700_000_000, "d2", family="qwen2"),
    LocalModel("nomic-embed-text:latest", 274_000_000, "d3", family="nomic-bert"),
    LocalModel("Qwen3:4B", 2_500_000_000, "d4", family="qwen3", families=("qwen3",)),
]


def shown(proxy: ModelFilterProxy) -> list[str]:
    return [proxy.index(row, 0).data(MODEL_ROLE).name for row in range(proxy.rowCount())]


def listed(qtbot: object) -> tuple[ModelListModel, ModelFilterProxy]:
    source = ModelListModel()
    proxy = ModelFilterProxy()
    proxy.setSourceModel(source)
    source.set_models(MODELS)
    return source, proxy


def test_every_word_must_appear_in_the_name_or_family_in_any_case(qtbot: object) -> None:
    _source, proxy = listed(qtbot)
    proxy.set_text("QWEN")
    assert shown(proxy) == ["qwen2.5-coder:7b", "Qwen3:4B"]
    proxy.set_text("  qwen   coder ")
    assert shown(proxy) == ["qwen2.5-coder:7b"]
    proxy.set_text("mllama")  # the family, not in the name
    assert shown(proxy) == ["llama3.2-vision:11b"]
    proxy.set_text("")
    assert len(shown(proxy)) == len(MODELS)


def test_a_capability_keeps_only_models_known_to_have_it(qtbot: object) -> None:
    source, proxy = listed(qtbot)
    proxy.set_capability("vision")
    assert shown(proxy) == [], "not known yet: not shown as able"
    source.set_capabilities("d1", ("completion", "vision"))
    source.set_capabilities("d2", ("completion", "tools"))
    assert shown(proxy) == ["llama3.2-vision:11b"], "appears once /api/show tells"
    proxy.set_text("qwen")
    assert shown(proxy) == []
    proxy.set_capability("")
    assert shown(proxy) == ["qwen2.5-coder:7b", "Qwen3:4B"]


def test_sorting_the_filtered_list_sorts_the_source(qtbot: object) -> None:
    source, proxy = listed(qtbot)
    proxy.set_text("qwen")
    proxy.sort(ModelListModel.SIZE, Qt.SortOrder.DescendingOrder)
    assert shown(proxy) == ["qwen2.5-coder:7b", "Qwen3:4B"]
    proxy.sort(ModelListModel.SIZE, Qt.SortOrder.AscendingOrder)
    assert shown(proxy) == ["Qwen3:4B", "qwen2.5-coder:7b"]
    assert source.names()[0] == "nomic-embed-text:latest", "the smallest of all comes first"
