"""The installed list keeps the chosen model chosen when the list is refreshed, also when a
filter hides some rows, and falls back to the first shown row when it is gone."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop.core.model_records import LocalModel
from desktop.ui.models.installed_view import InstalledModelsView
from desktop.ui.models.model_list_model import ModelListModel


def local(name: str, family: str) -> LocalModel:
    return LocalModel(
        name=name,
        size=1_000_000,
        digest=f"sha256:{abs(hash(name)):064x}"[:71],
        modified_at=datetime(2026, 1, 1, tzinfo=UTC),
        family=family,
        parameter_size="1B",
        quantization="Q4_K_M",
        format="gguf",
        capabilities=("completion",),
    )


def chosen(view: InstalledModelsView) -> str:
    model = view.selected_model()
    return model.name if model else ""


def test_refresh_keeps_the_chosen_model_through_a_filter(qtbot) -> None:
    models = ModelListModel()
    view = InstalledModelsView(models)
    qtbot.addWidget(view)
    view.show()
    models.set_models([local("zeta:1b", "llama"), local("gemma3:1b", "gemma3")])
    view.filter_edit.setText("gemma")
    assert view.select("gemma3:1b") and chosen(view) == "gemma3:1b"
    assert not view.select("zeta:1b"), "filtered out: not shown, not chosen"

    models.set_models(
        [local("alpha:1b", "gemma3"), local("gemma3:1b", "gemma3"), local("zeta:1b", "llama")]
    )
    assert chosen(view) == "gemma3:1b", "the same model after the refresh, at its new row"

    models.set_models([local("alpha:1b", "gemma3"), local("zeta:1b", "llama")])
    assert chosen(view) == "alpha:1b", "gone: the first shown row instead"
