"""Streaming into the chat pane: exact text, markdown with code blocks, thinking, errors."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextBlock, QTextCursor
from PySide6.QtTest import QTest

from desktop.core.messages import MessageState
from desktop.storage.history import HistoryStore, default_history_path
from desktop.ui.chat.messages.message_bubble import MessageBubble
from desktop.ui.render.block_document_view import BlockDocumentView
from tests.ui.chat_fixtures import SCRIPTED_THINK, answered, ask, ready_pane
from tests.ui.conftest import growing_block, wait_until

CHINESE_PIECES = ["你", "好，世", "界 🌍", " o", "k", "\n\n**粗体** 👩‍💻 done"]


def stored_answer(conversation_id: int):
    store = HistoryStore.open(default_history_path())
    try:
        return store.messages(conversation_id)[-1]
    finally:
        store.close()


async def test_chinese_and_emoji_split_mid_character_arrive_intact(scripted, open_window):
    """Each line reaches the client in two HTTP chunks cut inside a UTF-8 character."""
    scripted.script(CHINESE_PIECES, split_utf8=True)
    pane = await ready_pane(open_window)
    await ask(pane, "用中文打招呼")

    expected = "".join(CHINESE_PIECES)
    answer = pane.messages.bubbles()[-1]
    assert answer.text() == expected
    assert answer.body.source() == expected
    assert "你好，世界 🌍 ok" in answer.rendered_text()
    assert "粗体 👩‍💻 done" in answer.rendered_text(), "markdown rendered, emoji whole"
    assert "\ufffd" not in answer.rendered_text()
    assert stored_answer(pane.conversation_id).content == expected
    assert scripted.chat_bodies()[-1]["messages"][-1]["content"] == "用中文打招呼"


async def test_real_model_chinese_reply_through_the_ollama_server(
    ollama_server, tmp_path, monkeypatch, open_window
):
    """llama.cpp inference with a byte-fallback vocabulary answering in Chinese."""
    from tests.servers.tiny_gguf import write_tiny_gguf

    reply = "你好，世界 🌍 ok"
    ollama_server.publish("zh:latest", write_tiny_gguf(tmp_path / "zh.gguf", reply=reply))
    ollama_server.install("zh:latest")
    monkeypatch.setenv("OLLAMA_HOST", ollama_server.url)
    pane = await ready_pane(open_window, "zh:latest")
    await ask(pane, "说你好")
    answer = pane.messages.bubbles()[-1]
    assert answer.text() == reply
    assert answer.rendered_text().strip() == reply
    assert "tokens" in answer.footer_text()


def click_copy_link(view: BlockDocumentView, index: int) -> None:
    """Click the middle of code block ``index``'s Copy link, as a person would."""
    cursor = QTextCursor(view.document())
    link = view.code_headers.copy_links[index]
    cursor.setPosition((link.selectionStart() + link.selectionEnd()) // 2)
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(cursor).center()
    )


def code_line(view: BlockDocumentView, text: str) -> QTextBlock:
    block = view.document().begin()
    while block.isValid() and block.text() != text:
        block = block.next()
    assert block.isValid(), text
    return block


async def test_code_blocks_are_highlighted_and_copyable(scripted, open_window):
    pieces = [
        "Here:\n\n```py",
        "thon\ndef add(a, b):\n",
        "    return a + b  # 加\n``",
        "`\n\nand a shell line:\n\n```bash\necho hi\n```\n",
    ]
    scripted.script(pieces)
    pane = await ready_pane(open_window)
    await ask(pane, "Show me code")

    answer = pane.messages.bubbles()[-1]
    python, shell = answer.body.code_blocks()
    assert (python.language, python.code) == ("python", "def add(a, b):\n    return a + b  # 加")
    assert (shell.language, shell.code) == ("bash", "echo hi")
    view = answer.body.document_view
    assert code_line(view, "def add(a, b):").layout().formats(), "the code has syntax colours"
    assert not code_line(view, "and a shell line:").layout().formats(), "prose is not coloured"
    header = "python\nCopy   Save…\ndef add"
    assert header in answer.rendered_text(), "a header row: language, Copy, Save…"

    click_copy_link(view, 0)
    assert QGuiApplication.clipboard().text() == "def add(a, b):\n    return a + b  # 加"
    assert view.code_headers.link_text(0) == "Copied"
    click_copy_link(view, 1)
    assert QGuiApplication.clipboard().text() == "echo hi"
    answer.copy_button.click()
    assert QGuiApplication.clipboard().text() == "".join(pieces)
    await wait_until(lambda: view.code_headers.link_text(0) == "Copy", timeout=5)


async def test_only_the_last_block_changes_while_streaming(scripted, open_window):
    scripted.script(["First paragraph.\n\n", "```\ncode\n```\n", *[f"word{n} " for n in range(60)]])
    scripted.inject(token_delay=0.01)
    pane = await ready_pane(open_window)
    pane.composer.setPlainText("Go")
    pane.send()
    await wait_until(lambda: len(pane.messages.bubbles()) == 2)
    answer = pane.messages.bubbles()[-1]
    await wait_until(
        lambda: len(answer.body.code_blocks()) == 1 and "word3" in growing_block(answer.body)
    )
    finished = answer.body.document_view.document()
    revision = finished.revision()
    while pane.streaming:
        assert finished.revision() == revision, "finished blocks are never redrawn"
        await asyncio.sleep(0.01)
    await wait_until(lambda: not pane.runner.renderer.busy)  # the end, drawn in a frame
    assert "word30" in finished.toPlainText(), "the tail joined the finished blocks at the end"
    assert not growing_block(answer.body)
    assert answer.body.source() == answer.text()
    assert answer.text().endswith("word59 ")


async def test_thinking_shows_live_then_folds_when_the_answer_starts(scripted, open_window):
    scripted.script(["The answer."], thinking=["Let me ", "think ", "carefully."])
    scripted.inject(token_delay=0.05)
    pane = await ready_pane(open_window, SCRIPTED_THINK)
    await wait_until(lambda: pane.think_combo.isVisible())
    assert pane.think_combo.currentText() == "Thinking on"
    pane.composer.setPlainText("Why?")
    pane.send()
    await wait_until(lambda: len(pane.messages.bubbles()) == 2)
    answer = pane.messages.bubbles()[-1]
    await wait_until(lambda: answer.thinking())
    assert answer.thinking_shown(), "thinking is visible while it streams"
    await wait_until(lambda: not pane.streaming)
    assert answer.thinking() == "Let me think carefully."
    assert not answer.thinking_shown(), "folded once the answer started"
    assert scripted.chat_bodies()[-1]["think"] is True

    pane.think_combo.setCurrentIndex(pane.think_combo.findText("Thinking off"))
    pane.think_combo.activated.emit(pane.think_combo.currentIndex())
    await ask(pane, "And now?")
    assert scripted.chat_bodies()[-1]["think"] is False
    assert pane.messages.bubbles()[-1].thinking() == ""


async def test_error_mid_answer_shows_in_the_bubble_and_retry_answers_again(scripted, open_window):
    scripted.script(["one ", "two ", "three"])
    scripted.inject(error_after=2, error_message="model runner crashed", once=True)
    pane = await ready_pane(open_window)
    await ask(pane, "Count")

    failed = pane.messages.bubbles()[-1]
    assert failed.text() == "one two "
    assert "model runner crashed" in failed.footer_text()
    assert failed.retry_button.isVisible()
    assert stored_answer(pane.conversation_id).state is MessageState.FAILED

    await answered(pane, failed.retry_button.click)
    answer = pane.messages.bubbles()[-1]
    assert answer.text() == "one two three"
    assert not answer.retry_button.isVisible()
    assert answer.sibling_text() == "2/2", "the partial failed answer stays reachable"


async def test_stopping_keeps_the_partial_answer_marked_stopped(scripted, open_window):
    scripted.script([f"t{n} " for n in range(500)])
    scripted.inject(token_delay=0.01)
    pane = await ready_pane(open_window)
    pane.composer.setPlainText("Long")
    pane.send()
    await wait_until(lambda: len(pane.messages.bubbles()) == 2)
    answer = pane.messages.bubbles()[-1]
    await wait_until(lambda: "t5 " in answer.text())
    pane.send_button.click()  # Send is Stop while an answer streams
    await wait_until(lambda: not pane.streaming)
    assert "Stopped" in answer.footer_text()
    assert stored_answer(pane.conversation_id).content == answer.text() == answer.body.source()
    assert stored_answer(pane.conversation_id).state is MessageState.STOPPED


async def test_the_message_shows_first_and_its_answer_s_bubble_a_frame_later(scripted, open_window):
    """Sending shows the person's bubble at once and the answer's a frame later, so no
    single turn of the window holds both (the first message of a new chat stalled it);
    both were built while the person wrote; a second Enter meanwhile sends nothing twice."""
    scripted.script(["Fine", " thanks."])
    pane = await ready_pane(open_window)
    pane.composer.setPlainText("How are you?")
    built = pane.messages.findChildren(MessageBubble)
    assert len(built) == 2, "the person's and the answer's, built ahead while writing"
    pane.send()
    assert [b.text() for b in pane.messages.bubbles()] == ["How are you?"]
    assert pane.messages.bubbles()[0] in built and pane.messages.bubbles()[0].isVisible()
    assert pane.streaming, "the answer is on its way: Send waits for it"
    pane.composer.setPlainText("How are you?")
    pane.send()
    await wait_until(lambda: not pane.streaming and len(pane.messages.bubbles()) == 2)
    assert pane.messages.bubbles()[-1].text() == "Fine thanks."
    assert len(scripted.chat_bodies()) == 1


async def test_leaving_the_chat_before_the_answer_starts_starts_none_elsewhere(
    scripted, open_window
):
    scripted.script(["Hello."])
    pane = await ready_pane(open_window)
    await ask(pane, "First chat")
    first = pane.conversation_id
    pane.new_conversation()
    pane.composer.setPlainText("Second chat")
    pane.send()
    second = pane.conversation_id
    pane.open_conversation(first)  # in the same turn as the send
    await asyncio.sleep(0.3)
    assert not pane.streaming
    assert [b.text() for b in pane.messages.bubbles()] == ["First chat", "Hello."]
    assert len(scripted.chat_bodies()) == 1, "no answer was asked for in the chat left"
    assert second != first
