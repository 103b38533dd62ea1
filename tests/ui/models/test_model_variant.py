"""Create a variant from an installed model, see its Modelfile, edit it; a refused name."""

from __future__ import annotations

from desktop.ui.models.variant_dialog import VariantDialog
from tests.servers.fixtures import TINY
from tests.servers.model_store import ModelName
from tests.ui.conftest import wait_until
from tests.ui.models.page_steps import open_models, select


async def open_variant(ollama_env, open_window, *, edit_name: str | None = None):
    ollama_env.install(TINY)
    window = await open_models(open_window)
    pane = window.model_pane
    await wait_until(lambda: window.models.find(TINY) is not None)
    select(pane, TINY)
    pane.details.variant_button.click()
    dialog = pane.variant_dialog
    assert isinstance(dialog, VariantDialog) and dialog.isVisible()
    await wait_until(lambda: dialog.create_button.isEnabled())
    return window, pane, dialog


async def test_a_variant_is_created_with_the_exact_body_and_its_modelfile_shown(
    ollama_env, open_window
):
    window, pane, dialog = await open_variant(ollama_env, open_window)
    assert dialog.name_edit.text() == "tiny-custom"
    assert dialog.parameters.rows() == [("stop", "<|im_start|>"), ("stop", "<|im_end|>")]
    assert "<|im_start|>assistant" in dialog.template_edit.toPlainText()

    dialog.name_edit.setText("tiny-pirate")
    dialog.system_edit.setPlainText("You talk like a pirate.")
    dialog.parameters.add_row("num_ctx", "8192")
    dialog.parameters.add_row("temperature", "0.4")
    dialog.create_button.click()

    await wait_until(lambda: dialog.modelfile.isVisible())
    [sent] = ollama_env.requests_to("/api/create")
    assert sent.body == {
        "model": "tiny-pirate",
        "from": TINY,
        "system": "You talk like a pirate.",
        "parameters": {"stop": ["<|im_start|>", "<|im_end|>"], "num_ctx": 8192, "temperature": 0.4},
        "stream": True,
    }
    shown = dialog.modelfile.toPlainText()
    assert 'SYSTEM """You talk like a pirate."""' in shown
    assert "PARAMETER num_ctx" in shown and "8192" in shown
    assert dialog.status.text() == "tiny-pirate is ready. Its Modelfile:"
    await wait_until(lambda: window.models.find("tiny-pirate:latest") is not None)

    # Editing the variant: the same dialog, prefilled from it, saved under its name.
    dialog.reject()
    select(pane, "tiny-pirate:latest")
    await wait_until(lambda: pane.details.edit_button.isVisible())
    pane.details.edit_button.click()
    edit = pane.variant_dialog
    assert edit is not dialog and edit.edit
    await wait_until(lambda: edit.create_button.isEnabled())
    assert edit.name_edit.text() == "tiny-pirate:latest"
    assert edit.system_edit.toPlainText() == "You talk like a pirate."
    assert ("num_ctx", "8192") in edit.parameters.rows()
    edit.system_edit.setPlainText("You talk like a polite pirate.")
    edit.create_button.click()
    await wait_until(lambda: edit.modelfile.isVisible())
    assert 'SYSTEM """You talk like a polite pirate."""' in edit.modelfile.toPlainText()
    assert ollama_env.requests_to("/api/create")[-1].body["from"] == "tiny-pirate:latest"


async def test_a_name_ollama_refuses_shows_its_words_and_the_dialog_stays(ollama_env, open_window):
    _window, _pane, dialog = await open_variant(ollama_env, open_window)
    dialog.name_edit.setText("tiny")
    dialog.create_button.click()
    assert dialog.status.text() == (
        "A model named tiny:latest is installed already; choose another name."
    )
    assert ollama_env.requests_to("/api/create") == []

    dialog.name_edit.setText("no good!")
    dialog.create_button.click()

    await wait_until(lambda: "invalid model name" in dialog.status.text())
    assert dialog.status.text() == "Ollama did not create no good!: invalid model name"
    assert dialog.isVisible() and dialog.create_button.isEnabled()
    assert dialog.status.property("error") is True
    assert [model.name.display for model in ollama_env.store.all()] == [TINY]


async def test_a_base_removed_meanwhile_or_a_cut_stream_leaves_no_model(ollama_env, open_window):
    _window, _pane, dialog = await open_variant(ollama_env, open_window)

    ollama_env.inject("/api/create", drop_after=1, once=True)
    dialog.create_button.click()
    await wait_until(lambda: "stopped before Ollama finished" in dialog.status.text())
    assert dialog.status.text() == (
        "Creating tiny-custom stopped before Ollama finished. Check the Ollama server log "
        "and try again."
    )
    assert dialog.create_button.isEnabled() and not dialog.modelfile.isVisible()
    assert [model.name.display for model in ollama_env.store.all()] == [TINY]

    ollama_env.store.delete(ModelName.parse(TINY))  # deleted in a terminal meanwhile
    dialog.create_button.click()
    await wait_until(lambda: "not installed" in dialog.status.text())
    assert dialog.status.text() == (
        "The model tiny:latest is not installed in Ollama. Pull it in the model manager, "
        "or choose another model."
    )
    assert dialog.status.property("error") is True
    assert ollama_env.store.all() == []
