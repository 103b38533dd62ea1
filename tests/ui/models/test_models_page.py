"""The Models page at the window's real sizes, with Ollama up, down and back: what fits,
what is polled, and what a finished download's card says (real HTTP, the test server)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt

from desktop.app import AppServices
from desktop.core.pull_manager import PullState
from desktop.ui.models.pane import ModelManagerPane
from tests.servers.model_store import ModelName
from tests.ui.conftest import wait_until
from tests.ui.models.page_steps import open_models, pull_from_field, shown_texts


async def test_api_ps_is_asked_only_while_the_models_page_is_seen(ollama_env, open_window):
    window = await open_models(open_window)
    await asyncio.sleep(0.2)
    shown_from = len(ollama_env.requests_to("/api/ps"))
    await asyncio.sleep(3.0)
    while_shown = len(ollama_env.requests_to("/api/ps")) - shown_from

    window.show_page("chats")
    await asyncio.sleep(0.2)  # a request already on its way may land
    hidden_from = len(ollama_env.requests_to("/api/ps"))
    await asyncio.sleep(3.0)
    while_hidden = len(ollama_env.requests_to("/api/ps")) - hidden_from

    window.show_page("models")
    await wait_until(lambda: len(ollama_env.requests_to("/api/ps")) > hidden_from + while_hidden)
    window.showMinimized()
    await asyncio.sleep(0.2)
    minimized_from = len(ollama_env.requests_to("/api/ps"))
    await asyncio.sleep(2.0)
    while_minimized = len(ollama_env.requests_to("/api/ps")) - minimized_from
    window.showNormal()
    print(f"\n/api/ps in 3 s: {while_shown} while the page is seen, {while_hidden} while hidden")
    assert while_shown >= 2
    assert while_hidden == 0
    assert while_minimized == 0
    await wait_until(lambda: window.model_pane.running.active)


# -- fitting the window (defects 1 and 6) -------------------------------------------------

HF_NAME = "hf.co/unsloth/Qwen3-4B-Instruct-2507-GGUF:Q4_K_M"
SMALL = "qwen2.5:0.5b-instruct"


def index_of(pane: ModelManagerPane, name: str) -> QModelIndex:
    proxy = pane.installed.proxy
    return next(
        proxy.index(row, 0) for row in range(proxy.rowCount()) if proxy.index(row, 0).data() == name
    )


@pytest.fixture
def many_models(ollama_env, tiny_model_path):
    """A dozen installed models: an hf.co/… name, a 595.78M one, and ten ordinary ones."""
    server = ollama_env
    server.publish(HF_NAME, tiny_model_path, parameter_size="4.0B", quantization="Q4_K_M")
    server.publish(SMALL, tiny_model_path, parameter_size="595.78M", quantization="Q8_0")
    names = [HF_NAME, SMALL]
    for index in range(10):
        name = f"family{index}:{index + 1}b-instruct-q4_K_M"
        server.publish(name, tiny_model_path, parameter_size=f"{index + 1}.0B")
        names.append(name)
    for name in names:
        server.install(name)
    return names


async def test_the_installed_list_shows_many_whole_rows_at_the_default_size(
    many_models, open_window
):
    window = await open_models(open_window)
    window.resize(1180, 760)
    pane = window.model_pane
    await wait_until(lambda: pane.installed.proxy.rowCount() == len(many_models))
    await asyncio.sleep(0.05)

    table = pane.installed.table
    rows = table.viewport().height() / table.rowHeight(0)
    assert rows >= 8, f"the list shows only {rows:.1f} rows"
    assert pane.installed.visible_rows() == rows
    for name in many_models:
        shown = pane.installed.shown_row(name)
        assert shown is not None
        assert shown.name == name, f"{name} is cut to {shown.name!r}"
    small = pane.installed.shown_row(SMALL)
    assert small is not None and small.params == "595.78M params"
    description = index_of(pane, HF_NAME).data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert description.startswith(HF_NAME) and "4.0B parameters" in description


async def test_a_narrow_list_cuts_names_only_at_the_right_and_never_the_params(
    many_models, open_window
):
    window = await open_models(open_window)
    window.resize(1024, 640)
    pane = window.model_pane
    await wait_until(lambda: pane.installed.proxy.rowCount() == len(many_models))
    pane.splitter.setSizes([260, 700])
    await asyncio.sleep(0.05)

    shown = pane.installed.shown_row(HF_NAME)
    small = pane.installed.shown_row(SMALL)
    assert shown is not None and small is not None
    assert shown.name != HF_NAME and shown.name.endswith("…")
    assert HF_NAME.startswith(shown.name.removesuffix("…")), "cut somewhere but the right end"
    assert small.params == "595.78M params"
    assert small.params_rect.right() < small.second_line.right()
    tooltip = index_of(pane, HF_NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert HF_NAME in tooltip and "can: chat" in tooltip


async def test_ollama_stopped_never_widens_the_window(ollama_env, open_window):
    window = await open_models(open_window)
    window.resize(1180, 760)
    pane = window.model_pane
    await asyncio.sleep(0.1)

    ollama_env.stop()
    await wait_until(lambda: "Ollama is not running at" in shown_texts(pane), 5)
    await asyncio.sleep(0.3)

    assert window.width() == 1180, f"the window grew to {window.width()} px"
    assert window.minimumSizeHint().width() <= 1024
    assert pane.minimumSizeHint().width() <= 900


async def test_the_down_notice_clears_as_soon_as_ollama_answers_again(ollama_env, open_window):
    window = await open_models(open_window)
    pane = window.model_pane
    ollama_env.stop()
    await wait_until(lambda: "Ollama is not running at" in shown_texts(pane), 5)

    ollama_env.start()
    loop = asyncio.get_running_loop()
    started = loop.time()
    await wait_until(
        lambda: (
            "not running" not in shown_texts(pane)
            and "No model is loaded in memory." in shown_texts(pane)
        ),
        2.5,
    )
    print(f"\nthe down notice went {loop.time() - started:.2f} s after Ollama started")
    await wait_until(lambda: "not reachable" not in shown_texts(pane), 2)


# -- downloads that ended (defect 11) -----------------------------------------------------


async def test_a_finished_card_is_dismissed_not_deleted_and_keeps_its_reason(
    ollama_env, open_window, qtbot
):
    services = AppServices.create()
    first = services.build_window()
    qtbot.addWidget(first)
    row = pull_from_field(first.model_pane, "nosuchmodel")
    await wait_until(lambda: row.item.state is PullState.FAILED)
    await services.aclose()
    assert row.dismiss_button.text() == "Dismiss"
    assert "not deleted" in row.dismiss_button.toolTip()

    window = await open_models(open_window)
    restored = window.model_pane.downloads.row("nosuchmodel")
    assert restored is not None and restored.item.state is PullState.FAILED
    error = restored.error_label.text()
    assert "No model named nosuchmodel:latest" in error
    assert "Ollama said: pull model manifest: file does not exist" in error
    assert window.model_pane.downloads_panel.expanded
    assert window.model_pane.downloads_panel.summary.full_text() == "1 failed"


async def test_the_page_fits_1024x640_with_everything_showing(ollama_env, many_models, open_window):
    """Downloads running and failed, the Pull field's advice, a loaded model, a dozen
    models: all at once."""
    loaded = ollama_env.store.get(ModelName.parse(many_models[0]))
    assert loaded is not None
    ollama_env.mark_running(loaded, timedelta(minutes=5), 8192)
    ollama_env.pull_rate = 50_000
    window = await open_models(open_window)
    pane = window.model_pane
    await wait_until(lambda: pane.running.row(many_models[0]) is not None)
    for name in ("nosuchmodel", "tiny-loop"):
        pull_from_field(pane, name)
    pane.pull_box.name_edit.setText("ollama pull qwen3")
    await wait_until(lambda: pane.downloads.summary().count("·") >= 1)
    window.resize(1024, 640)
    await asyncio.sleep(0.2)

    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 640, hint
    assert (window.width(), window.height()) == (1024, 640)
    assert pane.pull_box.feedback.isVisible()


async def test_enter_on_an_embedding_model_does_not_open_a_chat(
    ollama_env, tiny_model_path, open_window, qtbot
):
    ollama_env.publish("nomic-embed-text", tiny_model_path, capabilities=("embedding",))
    ollama_env.install("nomic-embed-text")
    window = await open_models(open_window)
    pane = window.model_pane
    await wait_until(lambda: window.models.find("nomic-embed-text:latest") is not None)
    await wait_until(lambda: pane.installed.select("nomic-embed-text:latest"))
    await wait_until(lambda: "Embedding model" in pane.details.capabilities_label.text())
    assert not pane.details.chat_button.isEnabled()

    qtbot.keyClick(pane.installed.table, Qt.Key.Key_Return)

    assert window.current_page() == "models"
    assert "cannot chat" in pane.message.text()


async def test_on_a_wide_window_pull_stays_a_button_next_to_its_field(ollama_env, open_window):
    """At 1920 wide the field stops at its maximum; Pull keeps its own width and sits right
    after the field instead of stretching into a long bar."""
    window = await open_models(open_window)
    window.resize(1920, 1080)
    await asyncio.sleep(0.2)
    box = window.model_pane.pull_box
    button, field = box.pull_button, box.name_edit
    assert button.width() <= button.sizeHint().width() + 2
    assert field.width() == field.maximumWidth()
    assert 0 < button.x() - field.geometry().right() <= 12
