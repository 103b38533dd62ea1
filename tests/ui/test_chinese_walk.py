"""Parley walked in Chinese, page by page and dialog by dialog, as a new user would see it.

Twice: launched in Chinese, and switched from English at run time once every page was
built. Any visible English word fails the walk unless it is a name: a model, a provider
brand, a product or format, a key cap, a URL.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from desktop.services.hub_search import HubSearch
from desktop.services.library_registry import LibraryRegistry
from desktop.storage.settings import SettingsStore, default_settings_path
from desktop.ui.models.defaults_dialog import ModelDefaultsDialog
from desktop.ui.settings.settings_page import SECTIONS
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.translations import CHINESE, ENGLISH
from tests.servers.scripted_ollama import ScriptedModel, ScriptedOllama
from tests.ui.conftest import wait_until

MODEL = "qwen3:4b-instruct-q4_K_M"
THINKER = "deepseek-r1:8b"
# A Chinese answer with a code block and a table: the renderer's own words must be Chinese.
ANSWER = "你好！这是答案。\n\n```\n1 + 1\n```\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n"
NAMES = {
    # products and brands, as single words and as phrases
    "Parley", "Ollama", "OpenAI", "Anthropic", "Claude", "Azure", "LiteLLM", "Hugging Face",
    "DeepSeek", "Qwen", "Kimi", "Moonshot", "Gemini", "Google", "Mistral", "Groq",
    "OpenRouter", "Together AI", "Fireworks", "LM Studio", "llama.cpp", "vLLM", "Jan",
    "LocalAI", "xAI", "Grok", "SiliconFlow", "Zhipu", "GLM", "AWS Bedrock",
    "Google Vertex AI", "Volcengine Ark", "Doubao", "Alibaba Cloud", "DashScope",
    "OpenAI-compatible", "llama-server", "Text Generation WebUI", "One API", "New API",
    "Top P", "K-quant", "gguf", "Secret Service", "GNOME Keyring", "KWallet",
    # formats, protocols and technical names
    "API", "URL", "HTTP", "HTTPS", "TLS", "JSON", "Markdown", "GPU", "CPU", "RAM", "VRAM",
    "GGUF", "PNG", "JPEG", "WebP", "GIF", "BMP", "PDF", "SSE", "CA", "OLLAMA_HOST",
    "HTML", "Word",  # document formats (Microsoft Word)
    "sha256", "token", "tokens", "tok", "MB", "GB", "KB", "MiB", "GiB", "ms",
    "Bearer", "Basic", "Authorization", "api-key", "x-api-key", "SOCKS", "socks5",
    "my-assistant",  # an example model name (Ollama's names are ASCII)
    "nomic-embed-text",  # the embedding model suggested
    "topic",  # the variable of the prompt library's example, {{topic}}
    "MCP", "mcpServers", "stdio", "Streamable HTTP", "Cursor", "Claude Desktop",
    "npx", "uvx", "docker", "Docker", "Node.js", "Python", "python", "uv", "Bun", "Deno",
    "ChatGPT", "Open WebUI", "huggingface.co", "hf.co",
    # makers and model families in the shipped library's descriptions
    "Meta", "Llama", "Gemma", "Mistral AI", "Mistral Small", "NVIDIA", "Microsoft", "mini",
    "Vicuna", "Vision", "IBM", "Granite", "Deep Cogito", "Turbo", "AllenAI", "OLMo",
    "BAAI",
    # key caps
    "Ctrl", "Shift", "Alt", "Esc", "Tab", "Del",
    # languages in their own names
    "English",
}  # fmt: skip
NAME_PATTERN = re.compile(
    r"https?://\S+"  # URLs
    r"|`[^`]*`"  # commands (`ollama serve`)
    r"|\{\{[^}]*\}\}"  # a prompt's variables ({{name}})
    r"|\b[\w.-]+:\d+\b"  # host:port
    r"|\b[\w./-]+:[\w.-]+\b"  # model names with a tag (qwen3:4b-instruct-q4_K_M)
    r"|\b[\w-]*\d[\w.-]*\b"  # words with digits: sizes, quantizations (q4_K_M, 4B, 1.2)
    r"|\([^)]*\*[^)]*\)"  # file-dialog filters (*.png)
    r"|\b[\w-]+(\.[\w-]+)+(/\S*)?"  # host names, dotted keys (general.architecture)
    r"|(?<![\w/])/[\w.-]+(/[\w.-]*)+"  # file paths
)
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]")


def english_words(text: str, names: set[str]) -> list[str]:
    """The English words in ``text`` that are not names."""
    text = NAME_PATTERN.sub(" ", re.sub(r"<[^>]+>", " ", text))
    phrases = {name for name in NAMES if not name.isalnum()}
    for name in sorted(names | phrases, key=len, reverse=True):
        text = text.replace(name, " ")
    return [word for word in WORD.findall(text) if word not in NAMES]


def item_view_texts(view: QAbstractItemView, limit: int = 40) -> list[str]:
    """Cells (display text and tooltip) of the first rows a view shows."""
    model = view.model()
    if model is None:
        return []
    texts: list[str] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(min(model.rowCount(parent), limit)):
            column = 0
            while (index := model.index(row, column, parent)).isValid():
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        texts.append(value)
                column += 1
            walk(model.index(row, 0, parent))

    walk(QModelIndex())
    return texts


def header_texts(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None:
        return []
    return [
        str(model.headerData(section, header.orientation()) or "")
        for section in range(header.count())
        if not header.isSectionHidden(section)
    ]


def widget_texts(widget: QWidget) -> list[str]:
    texts = [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
    if isinstance(widget, QLabel | QAbstractButton):
        texts.append(widget.text())
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit) and (
        widget.property("example") != "code"  # an example command line or document
    ):
        texts.append(widget.placeholderText())
    if isinstance(widget, QTextEdit) and widget.isReadOnly():
        texts.append(widget.toPlainText())
    if isinstance(widget, QAbstractSpinBox):
        texts.append(widget.text())
        texts.append(widget.specialValueText())
    if isinstance(widget, QGroupBox):
        texts.append(widget.title())
    if isinstance(widget, QTabBar):
        texts += [widget.tabText(i) for i in range(widget.count())]
        texts += [widget.tabToolTip(i) for i in range(widget.count())]
    if isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QHeaderView):
        texts += header_texts(widget)
    elif isinstance(widget, QAbstractItemView) and not isinstance(widget.parent(), QComboBox):
        texts += item_view_texts(widget)
    if isinstance(widget, QMenu):
        texts.append(widget.title())
    for action in widget.actions():
        if action.isVisible():
            texts += [action.text(), action.toolTip()]
        menu = action.menu()
        if isinstance(menu, QMenu):
            texts += [a.text() for a in menu.actions() if a.isVisible()]
    if isinstance(widget, QAbstractButton) and isinstance(getattr(widget, "menu", None), object):
        menu = widget.menu() if hasattr(widget, "menu") else None
        if isinstance(menu, QMenu):
            texts += [a.text() for a in menu.actions() if a.isVisible()]
    return [t for t in texts if t]


def report(found: list[str]) -> str:
    """Each text once, where it was first seen."""
    first: dict[str, str] = {}
    for line in found:
        first.setdefault(line.split(": ", 1)[1], line)
    return "\n".join(first.values())


def leftovers(top: QWidget, where: str, names: set[str]) -> list[str]:
    """``where: Class: 'text' -> [english words]`` for each visible text with English in it."""
    found: list[str] = []
    for widget in [top, *top.findChildren(QWidget)]:
        if widget is not top and not widget.isVisibleTo(top):
            continue
        for text in widget_texts(widget):
            words = english_words(text, names)
            if words:
                found.append(f"{where}: {type(widget).__name__}: {text[:160]!r} -> {words}")
    return found


@pytest.fixture
def scripted_models(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScriptedOllama]:
    """Models whose names say a lot (size, variant, quantization) and one that thinks."""
    server = ScriptedOllama(
        (ScriptedModel(MODEL), ScriptedModel(THINKER, ("completion", "thinking")))
    ).start()
    server.script([ANSWER[:20], ANSWER[20:]])
    monkeypatch.setenv("OLLAMA_HOST", server.url)
    yield server
    server.stop()


def model_names(server: ScriptedOllama) -> set[str]:
    """The models' names and each piece of them, their family, and the server's address."""
    names = {server.url, MODEL, THINKER, "llama"}  # the family the server reports
    for name in (MODEL, THINKER):
        names.update(re.split(r"[:-]", name))
    return names


async def walk(window: MainWindow, names: set[str]) -> list[str]:
    """Every page, section and popup of the window; the English found on each."""
    found: list[str] = []
    window.resize(1180, 760)
    window.show_page("chats")
    found += leftovers(window, "chats", names)
    pane = window.chat_pane
    pane.settings_button.click()
    await wait_until(lambda: pane.settings_panel.isVisible())
    found += leftovers(pane.settings_panel, "chat settings", names)
    pane.settings_button.click()
    pane.picker.open_popup()
    found += leftovers(pane.picker.popup, "model picker", names)
    pane.picker.popup.hide()
    window.quick_switcher.open()
    found += leftovers(window.quick_switcher, "quick switcher", names)
    window.quick_switcher.close_back()
    window.provider_status.open_popup()
    found += leftovers(window.provider_status.popup, "provider status", names)
    window.provider_status.popup.hide()
    found += leftovers(window.show_shortcuts(), "shortcut sheet", names)
    window.show_shortcuts().hide()

    pane_models = window.model_pane
    window.show_page("models")
    await wait_until(lambda: pane_models.installed.select(MODEL))
    await wait_until(lambda: "32,768" in pane_models.details.view.toPlainText())
    found += leftovers(window, "models", names)

    section = pane_models.discover  # offline: a closed loopback port, never the network
    section.registry = LibraryRegistry("http://127.0.0.1:9")
    section.set_hub(HubSearch("http://127.0.0.1:9"))
    section.switch.choose(1)
    discover = section.page
    assert discover is not None
    await wait_until(lambda: "127.0.0.1" in discover.status.text())
    library = {model.name for model in discover.catalog.models}
    found += leftovers(window, "models/discover", names | library)
    section.switch.choose(0)
    pane_models.details.open_defaults()
    defaults = pane_models.findChild(ModelDefaultsDialog)
    assert defaults is not None
    found += leftovers(defaults, "defaults dialog", names)
    defaults.reject()

    model = pane_models.details.model
    assert model is not None
    actions = pane_models.model_actions
    for where, dialog in (
        ("delete dialog", actions.confirm_delete(model)),
        ("copy dialog", actions.ask_copy(model)),
        ("rename dialog", actions.ask_copy(model, rename=True)),
        ("host dialog", window.ollama_host.ask(window)),
        ("variant dialog", pane_models.open_variant(MODEL)),
    ):
        found += leftovers(dialog, where, names)
        dialog.reject()

    tools = window.show_page("tools")
    found += leftovers(window, "tools", names)
    for where, dialog in (
        ("server dialog", tools.add_server()),  # type: ignore[attr-defined]
        ("mcpServers dialog", tools.paste_json()),  # type: ignore[attr-defined]
    ):
        found += leftovers(dialog, where, names)
        dialog.reject()

    settings = window.open_settings()
    for key in SECTIONS:
        settings.show_section(key)
        await settings.idle()  # what a section reads from disk as it shows
        found += leftovers(window, f"settings/{key}", names)
    menu = settings.providers.providers.add_menu
    found += [f"settings/add menu: {a.text()!r}" for a in menu.actions()
              if english_words(a.text(), names)]  # fmt: skip
    for preset_id in ("custom", "litellm", "huggingface"):
        settings.add_provider(preset_id)
        found += leftovers(window, f"settings/{preset_id}", names)
    await settings.idle()
    window.show_page("chats")
    for action in (window.libraries.prompts, window.libraries.documents):
        if not action.isVisible():  # the app gives the window its libraries
            found.append(f"app menu: {action.text()!r} is not offered")
            continue
        action.trigger()
        await asyncio.sleep(0.3)  # its lists are read from disk
        libraries = opened_windows(window)
        if not libraries:
            found.append(f"app menu: {action.text()!r} opened no window")
        for library in libraries:
            found += leftovers(library, f"app menu/{action.text()}", names)
            library.close()
    return found


def opened_windows(window: MainWindow) -> list[QWidget]:
    """The windows shown on top of ``window`` (a library, a dialog)."""
    return [
        top
        for top in QApplication.topLevelWidgets()
        if top is not window and top.isVisible() and top.isWindow() and top.parent() is window
    ]


async def chat_once(window: MainWindow) -> None:
    pane = window.chat_pane
    await wait_until(lambda: MODEL in pane.available_models())
    pane.set_model(MODEL)
    pane.composer.setPlainText("你好")
    pane.send()
    await wait_until(lambda: not pane.streaming)


def choose_language(window: MainWindow, language: str) -> None:
    settings = window.open_settings()
    assert settings.appearance is not None
    combo = settings.appearance.language
    combo.setCurrentIndex(combo.findData(language))


async def test_launched_in_chinese_nothing_reads_in_english(
    open_window: Callable[[], MainWindow], scripted_models: ScriptedOllama
) -> None:
    store = SettingsStore(default_settings_path())
    settings = store.load()
    settings.language = CHINESE
    store.save(settings)
    window = open_window()
    await chat_once(window)
    names = model_names(scripted_models)
    found = await walk(window, names)
    assert not found, "English left in Chinese:\n" + report(found)


async def test_switched_to_chinese_at_run_time_nothing_reads_in_english(
    open_window: Callable[[], MainWindow], scripted_models: ScriptedOllama
) -> None:
    window = open_window()
    await chat_once(window)
    names = model_names(scripted_models)
    english = await walk(window, names)
    assert english, "the walk sees no English in the English window: it cannot see enough"
    choose_language(window, CHINESE)
    await asyncio.sleep(0.3)  # lists read from history or the keyring come back in a moment
    found = await walk(window, names)
    choose_language(window, ENGLISH)
    assert not found, "English left after switching:\n" + report(found)


async def test_a_new_user_without_ollama_reads_chinese(
    open_window: Callable[[], MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first run with no Ollama answering: the setup guide and status say it in Chinese."""
    monkeypatch.setenv("OLLAMA_HOST", "http://127.0.0.1:9")
    store = SettingsStore(default_settings_path())
    settings = store.load()
    settings.language = CHINESE
    store.save(settings)
    window = open_window()
    window.resize(1180, 760)
    await wait_until(lambda: window.provider_status.states()[0].health.alarm, timeout=5.0)
    found = leftovers(window, "first run", {"http://127.0.0.1:9", "127.0.0.1:9"})
    window.provider_status.open_popup()
    found += leftovers(window.provider_status.popup, "provider status", {"http://127.0.0.1:9"})
    window.provider_status.popup.hide()
    window.show_page("models")
    await asyncio.sleep(0.3)
    found += leftovers(window, "models", {"http://127.0.0.1:9"})
    assert not found, "English left in Chinese:\n" + report(found)
