"""The model manager in the real window, against the Ollama-protocol test server (real HTTP)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop.app import AppServices
from desktop.core.pull_manager import PullState
from desktop.ui.models.download_list import BAR_STEPS
from desktop.ui.models.model_list_model import ModelListModel
from desktop.ui.models.pane import ModelManagerPane
from tests.servers.fixtures import TINY, TINY_THINK, TINY_VISION
from tests.servers.tiny_gguf import DEFAULT_REPLY
from tests.ui.conftest import wait_until
from tests.ui.models.page_steps import RowWatcher, host_line, open_models, pull_from_field, select


async def test_header_names_the_host_and_ollama_version(ollama_env, open_window):
    window = await open_models(open_window)
    line = host_line(window.model_pane)
    assert ollama_env.url in line and "Ollama 0.33.0-rc2" in line


async def test_a_pull_shows_progress_then_the_model_can_be_chatted_with(ollama_env, open_window):
    server = ollama_env
    server.pull_rate = 350_000
    window = await open_models(open_window)
    pane = window.model_pane
    watcher = RowWatcher(pane)

    row = pull_from_field(pane, TINY)
    assert pane.pull_box.name_edit.text() == ""
    await wait_until(lambda: row.item.state is PullState.DONE, 20)

    assert watcher.bars == sorted(watcher.bars), "the bar went backwards"
    assert watcher.bars[-1] == BAR_STEPS
    assert len(set(watcher.bars)) >= 5
    for phase in ("Pulling manifest", "Downloading", "Verifying sha256 digest", "Installed"):
        assert phase in watcher.statuses, watcher.statuses
    moving = [text for text in watcher.figures if "/s" in text and "left" in text]
    assert moving, watcher.figures
    assert " KB of 52" in moving[-1] and " KB/s" in moving[-1]
    assert row.figures_label.text() == "527.5 KB of 527.5 KB"
    assert row.dismiss_button.isVisible() and not row.cancel_button.isVisible()

    installed = server.store.all()[0]
    await wait_until(lambda: window.models.find(TINY) is not None)
    listed = window.models.find(TINY)
    assert listed is not None
    assert (listed.size, listed.digest) == (installed.size, installed.digest)
    select(pane, TINY)
    assert "527.5 KB" in pane.details.text() and installed.digest in pane.details.text()

    pane.details.chat_button.click()
    chat = window.chat_pane
    assert window.current_page() == "chats" and chat.isVisible()
    assert chat.current_model() == TINY
    chat.composer.setPlainText("Hello there")
    chat.send()
    await wait_until(lambda: not chat.streaming and len(chat.messages.bubbles()) == 2, 20)
    assert chat.messages.bubbles()[1].text() == DEFAULT_REPLY


async def test_cancel_keeps_the_partial_download_and_retry_resumes(ollama_env, open_window):
    server = ollama_env
    server.pull_rate = 250_000
    window = await open_models(open_window)
    pane = window.model_pane
    row = pull_from_field(pane, TINY)
    await wait_until(lambda: row.item.figures.done_bytes > 150_000, 10)

    row.cancel_button.click()
    assert row.item.state is PullState.CANCELLED
    assert "Cancelled" in row.status_label.full_text()
    assert "Retry resumes it" in row.figures_label.text()
    assert row.retry_button.isVisible() and not row.cancel_button.isVisible()
    await wait_until(lambda: server.disconnects)
    first = server.bytes_sent_by_pull[TINY]
    bar_at_cancel = row.bar.value()
    assert bar_at_cancel > 0

    server.pull_rate = None
    row.retry_button.click()
    await wait_until(lambda: row.item.state is PullState.DONE, 20)

    total = server.store.all()[0].size
    second = server.bytes_sent_by_pull[TINY] - first
    print(f"\nmodel manager cancel/resume: first {first} B, resumed {second} B, of {total} B")
    assert 0 < second < total - 100_000
    assert row.bar.value() == BAR_STEPS >= bar_at_cancel


async def test_a_stalled_download_is_retried_by_itself(ollama_env, open_window):
    server = ollama_env
    server.pull_rate = 1_000_000
    server.inject("/api/pull", stall_after_bytes=150_000, once=True)
    window = await open_models(open_window)
    pane = window.model_pane
    watcher = RowWatcher(pane)

    row = pull_from_field(pane, TINY)
    await wait_until(lambda: row.item.state is PullState.DONE, 20)

    assert row.item.attempts == 2
    assert any(status.startswith("Trying again in") for status in watcher.statuses)
    assert len(server.requests_to("/api/pull")) == 2
    assert watcher.bars == sorted(watcher.bars)


async def test_an_unknown_name_shows_ollamas_error_with_retry(ollama_env, open_window):
    window = await open_models(open_window)
    row = pull_from_field(window.model_pane, "nosuchmodel")
    await wait_until(lambda: row.item.state is PullState.FAILED)

    assert row.status_label.full_text() == "Failed"
    assert row.error_label.isVisible()
    error = row.error_label.text()
    assert "No model named nosuchmodel:latest" in error
    assert "Ollama said: pull model manifest: file does not exist" in error
    assert row.retry_button.isVisible() and row.dismiss_button.isVisible()

    row.dismiss_button.click()
    await wait_until(lambda: window.model_pane.downloads.rows() == [])
    assert window.model_pane.downloads.empty_label.isVisible()


async def test_the_pull_field_suggests_fixes_for_typos(ollama_env, open_window):
    window = await open_models(open_window)
    box = window.model_pane.pull_box

    box.name_edit.setText("ollama pull qwen3:8b")
    assert not box.pull_button.isEnabled()
    assert "not the ollama command" in box.message.text()
    suggestion = box.suggestion_buttons[0]
    assert suggestion.isVisible() and suggestion.text() == "Use qwen3:8b"
    suggestion.click()
    assert box.name_edit.text() == "qwen3:8b"
    assert box.pull_button.isEnabled()


async def test_list_filters_by_text_and_capability_with_details(ollama_env, open_window):
    for name in (TINY, TINY_VISION, TINY_THINK):
        ollama_env.install(name)
    window = await open_models(open_window)
    pane = window.model_pane
    proxy = pane.installed.proxy
    await wait_until(lambda: proxy.rowCount() == 3)

    combo = pane.installed.capability_combo
    combo.setCurrentIndex(combo.findData("vision"))
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data() == TINY_VISION
    combo.setCurrentIndex(0)
    pane.installed.filter_edit.setText("THINK")
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data() == TINY_THINK
    pane.installed.filter_edit.clear()

    badges = proxy.index(0, ModelListModel.CAPABILITY).data()
    assert "chat" in badges and "completion" not in badges  # words, not API names
    tooltip = proxy.index(0, ModelListModel.NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert "latest" in tooltip and "on disk" in tooltip

    select(pane, TINY)
    await wait_until(lambda: "Context length" in pane.details.text())
    text = pane.details.text()
    assert "License" in text and "MIT" in text and "Template" in text
    assert "Model info" in text and "general.architecture" in text

    pane.installed.table.sortByColumn(ModelListModel.NAME, Qt.SortOrder.DescendingOrder)
    shown = [proxy.index(row, ModelListModel.NAME).data() for row in range(3)]
    assert shown == [TINY, TINY_VISION, TINY_THINK]
    selected = pane.installed.selected_model()
    assert selected is not None and selected.name == TINY, "sorting lost the selection"


async def test_delete_asks_first_says_what_it_frees_and_removes(ollama_env, open_window):
    ollama_env.install(TINY)
    window = await open_models(open_window)
    pane = window.model_pane
    await wait_until(lambda: window.models.find(TINY) is not None)
    select(pane, TINY)

    pane.details.delete_button.click()
    dialog = pane.model_actions.dialog
    assert isinstance(dialog, QMessageBox) and dialog.isVisible()
    assert "527.5 KB" in dialog.informativeText()
    dialog.button(QMessageBox.StandardButton.Yes).click()

    # The list may learn of the deletion from its own refresh before the delete call
    # returns and says so: wait for both.
    await wait_until(lambda: window.models.find(TINY) is None)
    await wait_until(lambda: "deleted" in pane.message.text())
    assert ollama_env.store.all() == []


async def test_copy_then_rename(ollama_env, open_window):
    ollama_env.install(TINY)
    window = await open_models(open_window)
    pane = window.model_pane
    await wait_until(lambda: window.models.find(TINY) is not None)
    select(pane, TINY)

    pane.details.copy_button.click()
    dialog = pane.model_actions.dialog
    assert isinstance(dialog, QInputDialog)
    dialog.setTextValue("tiny-copy")
    dialog.accept()
    await wait_until(lambda: window.models.find("tiny-copy:latest") is not None)
    assert window.models.find(TINY) is not None

    select(pane, "tiny-copy:latest")
    pane.details.rename_button.click()
    dialog = pane.model_actions.dialog
    assert isinstance(dialog, QInputDialog)
    dialog.setTextValue("tiny-renamed")
    dialog.accept()
    await wait_until(lambda: window.models.find("tiny-renamed:latest") is not None)
    await wait_until(lambda: window.models.find("tiny-copy:latest") is None)
    names = {model.name.display for model in ollama_env.store.all()}
    assert names == {TINY, "tiny-renamed:latest"}


async def test_unload_now_empties_the_running_list(ollama_env, open_window):
    ollama_env.install(TINY)
    window = await open_models(open_window)
    chat = window.chat_pane
    await wait_until(lambda: TINY in chat.available_models())
    window.chat_with(TINY)
    chat.composer.setPlainText("Hello")
    chat.send()
    await wait_until(lambda: not chat.streaming and len(chat.messages.bubbles()) == 2, 20)
    assert ollama_env.running()

    window.show_page("models")
    pane = window.model_pane
    running = pane.running
    await wait_until(lambda: running.row(TINY) is not None)
    row = running.row(TINY)
    assert row is not None
    assert row.figures_label.full_text().startswith("unloads in 4 min")
    assert pane.running_panel.summary.full_text() == "1 loaded"

    row.unload_button.click()
    await wait_until(lambda: running.row(TINY) is None)
    assert ollama_env.running() == []
    assert "No model is loaded" in running.status.text()
    assert pane.running_panel.summary.full_text() == "none"


async def test_the_queue_comes_back_after_a_restart_and_finishes(ollama_env, open_window, qtbot):
    server = ollama_env
    server.pull_rate = 200_000
    services = AppServices.create()
    first = services.build_window()
    qtbot.addWidget(first)  # closed at teardown: closing the last window would quit the app
    row = pull_from_field(first.model_pane, TINY)
    await wait_until(lambda: row.item.figures.done_bytes > 100_000, 10)
    await services.aclose()
    assert row.item.state is PullState.ACTIVE
    sent_before = server.bytes_sent_by_pull[TINY]
    server.pull_rate = None

    window = await open_models(open_window)
    restored = window.model_pane.downloads.row(TINY)
    assert restored is not None
    await wait_until(lambda: restored.item.state is PullState.DONE, 20)
    await wait_until(lambda: window.models.find(TINY) is not None)
    resumed = server.bytes_sent_by_pull[TINY] - sent_before
    assert 0 < resumed < server.store.all()[0].size - 50_000


async def test_the_models_tab_shows_the_installed_models_when_first_clicked(
    ollama_env, open_window, qtbot
):
    ollama_env.install(TINY)
    window = open_window()
    await wait_until(lambda: window.models.find(TINY) is not None)
    entry = window.rail.buttons["models"]
    assert entry.text() == "Models"

    qtbot.mouseClick(entry, Qt.MouseButton.LeftButton)

    pane = window.pages.currentWidget()
    assert isinstance(pane, ModelManagerPane) and pane is window.model_pane
    assert pane.isVisible() and entry.isChecked()
    assert pane.installed.select(TINY)
    await wait_until(lambda: host_line(pane).endswith("0.33.0-rc2"))


async def test_a_download_resumed_at_start_lists_its_model_without_the_models_tab(
    ollama_env, open_window, qtbot
):
    server = ollama_env
    server.pull_rate = 200_000
    services = AppServices.create()
    first = services.build_window()
    qtbot.addWidget(first)
    row = pull_from_field(first.model_pane, TINY)
    await wait_until(lambda: row.item.figures.done_bytes > 100_000, 10)
    await services.aclose()
    server.pull_rate = None

    window = open_window()  # the Models tab is not opened
    await wait_until(lambda: window.models.find(TINY) is not None, 20)
    await wait_until(lambda: TINY in window.chat_pane.available_models())
