"""Chinese and English: complete catalog, live switching, translated errors and explanations.

The walk through every page in Chinese is tests/ui/test_chinese_walk.py.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.core.conversation_export import ImportProblem, from_json
from desktop.core.errors import ProviderError
from desktop.core.image_preparation import ImageProblem, prepare_image
from desktop.core.pull_name import validate_pull_name
from desktop.core.text import Text
from desktop.providers.http_client import make_http_client
from desktop.providers.ollama import OllamaProvider
from desktop.providers.ollama_host import HostProblem, resolve_ollama_host
from desktop.storage.settings import SettingsStore
from desktop.ui.models.model_explanation import name_parts
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.strings import translated
from desktop.ui.translations import CHINESE, ENGLISH, Translations, translations_dir
from tests.servers.scripted_ollama import ScriptedOllama
from tests.ui.chat_fixtures import ask, ready_pane
from tests.ui.conftest import wait_until

REPO = Path(__file__).resolve().parents[2]
TS_FILE = REPO / "resources" / "translations" / "parley_zh_CN.ts"
BIN = Path(sys.executable).parent
HAN = re.compile(r"[\u4e00-\u9fff]")
# Words that stay as they are in Chinese: names of products, formats and keys.
KEPT = {
    "Parley", "Ollama", "OpenAI", "Anthropic", "DeepSeek", "Qwen", "Kimi", "Gemini", "API",
    "English", "Markdown", "JSON", "GPU", "TLS", "URL", "Top", "Enter", "Shift", "Esc", "Ctrl",
    "Del", "PNG", "JPEG", "WebP", "GIF", "BMP", "token", "tok", "http", "https", "Bearer",
    "Basic", "api", "key", "header", "version", "OLLAMA_HOST", "sha256", "llava", "Azure",
    "Return", "serve", "ollama", "qwen3", "llama3", "pem", "crt", "cer", "png", "jpg",
    "jpeg", "webp", "gif", "bmp", "json", "llama",
}  # fmt: skip


def chinese(text: str) -> bool:
    return bool(HAN.search(text))


def untranslated_words(text: str) -> list[str]:
    """English words left in a text that should be Chinese (URLs, names and models allowed)."""
    text = re.sub(r"https?://\S+|\S+:\d+|\b[\w.-]+:[\w.-]+\b|\([^)]*\*[^)]*\)", " ", text)
    return [w for w in re.findall(r"[A-Za-z][A-Za-z_]{2,}", text) if w not in KEPT]


@pytest.fixture(scope="module", autouse=True)
def compiled_catalog() -> None:
    """The .qm as `make translations` builds it, when pytest runs without make."""
    qm = TS_FILE.with_suffix(".qm")
    if not qm.exists() or qm.stat().st_mtime < TS_FILE.stat().st_mtime:
        subprocess.run(
            [str(BIN / "pyside6-lrelease"), "-silent", str(TS_FILE), "-qm", str(qm)], check=True
        )


@pytest.fixture
def chinese_ui() -> Iterator[Translations]:
    translations = Translations()
    translations.apply(CHINESE)
    yield translations
    translations.close()


def _translated_text(message: ElementTree.Element) -> str:
    """The translation, or for a "%n" message its plural forms' words."""
    translation = message.find("translation")
    if translation is None:
        return ""
    forms = [form.text or "" for form in translation.iter("numerusform")]
    return "".join(forms or [translation.text or ""]).strip()


def test_every_visible_string_has_a_chinese_translation(tmp_path: Path) -> None:
    """lupdate over today's sources finds no string the committed zh_CN catalog lacks."""
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS_FILE, fresh)
    sources = sorted(str(p) for p in (REPO / "desktop").rglob("*.py"))
    options = ["-silent", "-no-obsolete", "-locations", "none"]
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *options, *sources, "-ts", str(fresh)], check=True
    )
    missing = [
        f"{context.findtext('name')}: {message.findtext('source')!r}"
        for context in ElementTree.parse(fresh).getroot().iter("context")
        for message in context.iter("message")
        if message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
        or not _translated_text(message)
    ]
    assert not missing, "untranslated (run `make i18n-update` and translate):\n" + "\n".join(
        missing
    )
    nameless = [
        message.findtext("source")
        for context in ElementTree.parse(fresh).getroot().iter("context")
        if not context.findtext("name")
        for message in context.iter("message")
    ]
    assert not nameless, f"lupdate could not tell these strings' class (wrapped tr?): {nameless}"
    assert fresh.read_text(encoding="utf-8") == TS_FILE.read_text(encoding="utf-8"), (
        "the committed .ts is not what lupdate makes of today's sources: run `make i18n-update`"
    )


def test_no_string_to_translate_hides_inside_an_f_string() -> None:
    """lupdate does not read the expressions of an f-string: a tr() there never reaches
    the catalog, and its words stay English in Chinese (a source's "383 tokens" did)."""
    hidden = []
    for path in sorted((REPO / "desktop").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr in ("tr", "translate")
                ):
                    hidden.append(f"{path.relative_to(REPO)}:{call.lineno}")
    assert not hidden, f"tr() inside an f-string, unseen by lupdate: {hidden}"


def test_the_system_language_is_followed_unless_one_is_chosen() -> None:
    from PySide6.QtCore import QLocale

    from desktop.ui.translations import resolve_language

    assert resolve_language("", QLocale("zh_CN")) == CHINESE
    assert resolve_language("", QLocale("zh_TW")) == CHINESE
    assert resolve_language("", QLocale("de_DE")) == ENGLISH
    assert resolve_language("", QLocale("en_US")) == ENGLISH
    assert resolve_language(ENGLISH, QLocale("zh_CN")) == ENGLISH
    assert resolve_language(CHINESE, QLocale("en_US")) == CHINESE


def main_controls(window: MainWindow) -> dict[str, str]:
    pane = window.chat_pane
    return {
        "send": pane.send_button.text(),
        "new chat": pane.new_button.text(),
        "chats page": window.rail.buttons["chats"].text(),
        "models page": window.rail.buttons["models"].text(),
        "search": window.conversation_sidebar.search_box.placeholderText(),
        "composer": pane.composer.placeholderText(),
    }


async def test_chinese_chosen_in_settings_applies_at_start(
    open_window: Callable[[], MainWindow], scripted: object
) -> None:
    from desktop.storage.settings import SettingsStore, default_settings_path

    store = SettingsStore(default_settings_path())
    settings = store.load()
    settings.language = CHINESE
    store.save(settings)
    window = open_window()
    controls = main_controls(window)
    assert controls == {
        "send": "发送",
        "new chat": "新对话",
        "chats page": "对话",
        "models page": "模型",
        "search": "搜索对话和消息",
        "composer": "给模型发消息 — 回车发送，Shift+回车换行",
    }
    settings_window = window.open_settings()
    assert settings_window is not None
    assert settings_window.windowTitle() == "Parley 设置"
    assert settings_window.appearance is not None
    assert settings_window.appearance.title() == "外观"


async def test_switching_language_in_settings_relabels_the_open_window(
    open_window: Callable[[], MainWindow], scripted: object
) -> None:
    window = open_window()
    english = main_controls(window)
    assert english["send"] == "Send"
    settings_window = window.open_settings()
    assert settings_window is not None and settings_window.appearance is not None
    combo = settings_window.appearance.language
    combo.setCurrentIndex(combo.findData(CHINESE))
    assert window.chat_pane.send_button.text() == "发送"
    assert settings_window.windowTitle() == "Parley 设置"
    assert all(chinese(text) for text in main_controls(window).values())
    assert window.menuBar().actions()[0].text() == "Parley(&P)"
    combo.setCurrentIndex(combo.findData(ENGLISH))
    assert main_controls(window) == english
    assert window.menuBar().actions()[0].text() == "&Parley"


async def test_a_real_connection_error_reads_in_chinese(chinese_ui: Translations) -> None:
    http = make_http_client()
    provider = OllamaProvider(http, "http://127.0.0.1:9")
    try:
        with pytest.raises(ProviderError) as caught:
            await provider.version()
    finally:
        await http.aclose()
    english = caught.value.message
    shown = translated(caught.value)
    assert shown != english and chinese(shown)
    assert "127.0.0.1:9" in shown
    assert not untranslated_words(shown), shown


def test_model_name_explanations_read_in_chinese(chinese_ui: Translations) -> None:
    parts = dict(name_parts("qwen3:4b-instruct-q4_K_M"))
    assert parts, "the name was not explained"
    assert all(chinese(meaning) for meaning in parts.values()), parts


def test_words_from_a_server_are_never_translated(chinese_ui: Translations) -> None:
    """A server's own words that happen to be a known sentence still show as they came."""
    known = "Wait a moment and try again."
    assert chinese(translated(Text(known)))
    assert translated(Text.plain(known)) == known
    assert translated(Text("something no catalog knows")) == "something no catalog knows"


def test_the_catalog_ships_where_the_app_looks() -> None:
    assert (translations_dir() / "parley_zh_CN.qm").exists()
    assert Translations().available(CHINESE)


async def test_a_failed_answer_reads_in_the_language_of_the_day(
    open_window: Callable[[], MainWindow], scripted: ScriptedOllama
) -> None:
    """History keeps the error's key and values: reopened after a switch, it is Chinese."""
    pane = await ready_pane(open_window)
    scripted.inject(status=500, body={"error": "内部故障"}, once=True)
    await ask(pane, "你好")
    conversation_id = pane.conversation_id
    assert conversation_id is not None
    assert "internal problem" in pane.messages.bubbles()[-1].footer_text()
    window = pane.window()
    assert isinstance(window, MainWindow)
    settings_window = window.open_settings()
    assert settings_window.appearance is not None
    combo = settings_window.appearance.language
    combo.setCurrentIndex(combo.findData(CHINESE))
    try:
        pane.new_conversation()
        pane.open_conversation(conversation_id)  # the bubbles are made again from history
        await wait_until(lambda: len(pane.messages.bubbles()) == 2)
        shown = pane.messages.bubbles()[-1].footer_text()
        assert chinese(shown) and "内部故障" in shown, shown
        assert not untranslated_words(shown.replace("HTTP", "")), shown
    finally:
        combo.setCurrentIndex(combo.findData(ENGLISH))


def test_attachment_and_model_name_problems_read_in_chinese(
    qapp: object, chinese_ui: Translations
) -> None:
    with pytest.raises(ImageProblem) as caught:
        prepare_image(b"%PDF-1.7 not a picture", name="report.pdf")
    shown = translated(caught.value)
    assert chinese(shown) and "report.pdf" in shown, shown
    assert not untranslated_words(shown.replace("PDF", "").replace("report.pdf", "")), shown
    check = validate_pull_name('"qwen3:4b"')
    assert check.problem, "a quoted name is explained"
    said = translated(check.problem)
    assert chinese(said) and not untranslated_words(said), said


def test_a_damaged_settings_file_is_reported_in_chinese(
    qapp: object, chinese_ui: Translations, tmp_path: Path
) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{ not json", encoding="utf-8")
    store = SettingsStore(path)
    store.load()
    assert store.load_problem is not None
    shown = translated(store.load_problem)
    assert chinese(shown) and "settings.json" in shown, shown
    path.write_text("[1, 2]", encoding="utf-8")  # JSON, but not the shape of settings
    store.load()
    assert store.load_problem is not None
    shown = translated(store.load_problem)
    assert "其中没有 JSON 对象" in shown, shown


def test_a_bad_ollama_host_is_explained_in_chinese(qapp: object, chinese_ui: Translations) -> None:
    with pytest.raises(HostProblem) as caught:
        resolve_ollama_host("http://[::1:11434")
    shown = translated(caught.value)
    assert chinese(shown) and not untranslated_words(shown.replace("IPv6", "")), shown


def test_an_unimportable_file_is_explained_in_chinese(
    qapp: object, chinese_ui: Translations
) -> None:
    with pytest.raises(ImportProblem) as caught:
        from_json('{"format": "parley.conversation", "version": 2, "messages": [7]}')
    shown = translated(caught.value)
    assert shown.startswith("第 1 条消息") and chinese(shown), shown


def test_a_notice_on_screen_follows_a_language_switch(qtbot: object) -> None:
    from PySide6.QtCore import QCoreApplication

    from desktop.ui.chat.messages.chat_notice import ChatNotice

    notice = ChatNotice()
    qtbot.addWidget(notice)  # type: ignore[attr-defined]
    notice.say(
        lambda: QCoreApplication.translate("ChatPane", "Choose a model first: none is selected.")
    )
    assert notice.label.text() == "Choose a model first: none is selected."
    translations = Translations()
    try:
        translations.apply(CHINESE)
        assert chinese(notice.label.text()), notice.label.text()
    finally:
        translations.close()


def test_a_reembedding_time_reads_in_chinese(qapp: object, chinese_ui: Translations) -> None:
    from desktop.ui.documents.reembed_dialog import duration

    for seconds in (1, 45, 600, 7200):
        said = duration(seconds)
        assert chinese(said) and not untranslated_words(said), said


def test_a_reembedding_time_reads_as_english_counts(qapp: object) -> None:
    from desktop.ui.documents.reembed_dialog import duration

    assert [duration(s) for s in (1, 45, 600)] == [
        "about 1 second",
        "about 45 seconds",
        "about 10 minutes",
    ]
