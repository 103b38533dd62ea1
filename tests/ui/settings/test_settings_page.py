"""The Settings page on real services: providers, keys in the keyring, Test connection."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.providers.http_client import make_http_client
from desktop.storage.paths import config_dir
from desktop.storage.settings import SettingsStore, default_settings_path
from desktop.ui.provider_registry import ProviderRegistry
from desktop.ui.settings.providers_section import ProvidersSection
from desktop.ui.settings.settings_page import SettingsPage
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.tasks import TaskOwner
from tests.servers.ollama_server import OllamaServer
from tests.servers.openai_server import OpenAIServer
from tests.storage.secret_service import SecretServiceSession
from tests.ui.conftest import wait_until

KEY = "sk-parley-test-7d41e0c9b3a2"
OTHER_KEY = "sk-parley-test-2b9f81aa6c05"

OpenWindow = Callable[[], MainWindow]


@dataclass
class Opened:
    page: SettingsPage
    registry: ProviderRegistry

    @property
    def window(self) -> ProvidersSection:
        """The Providers section, where most of these tests act."""
        return self.page.providers


OpenPage = Callable[[], Opened]


@pytest.fixture
async def open_page(qtbot: object) -> AsyncIterator[Callable[[], Opened]]:
    """Factory: the settings page on real services, as the main window builds it."""
    opened: list[tuple[ProviderRegistry, TaskOwner]] = []
    pages: list[SettingsPage] = []  # alive while a test holds only a section of one
    http = make_http_client()

    def factory() -> Opened:
        store = SettingsStore(default_settings_path())
        registry = ProviderRegistry(store.load(), http)
        tasks = TaskOwner()
        opened.append((registry, tasks))
        tasks.spawn(registry.rebuild())
        page = SettingsPage(registry, store, tasks)
        qtbot.addWidget(page)  # type: ignore[attr-defined]
        page.resize(1108, 760)
        page.show()
        pages.append(page)
        return Opened(page, registry)

    yield factory
    for registry, tasks in opened:
        await tasks.cancel_all()
        await registry.aclose()
    await http.aclose()


def saved_providers() -> list[dict[str, object]]:
    raw = json.loads(default_settings_path().read_text(encoding="utf-8"))
    providers: list[dict[str, object]] = raw["providers"]
    return providers


def auth_headers(server: OllamaServer) -> list[str]:
    return [r.headers["authorization"] for r in server.requests if "authorization" in r.headers]


async def add_remote_ollama(settings: ProvidersSection, url: str, key: str = "") -> str:
    provider_id = settings.add_provider("ollama")
    await settings._tasks.idle()
    form = settings.form
    form.base_url.setText(url)
    form.auth.setCurrentIndex(form.auth.findData("bearer"))
    if key:
        form.key.setText(key)
    assert await settings.save_form()
    return provider_id


def confirm_removal(settings: ProvidersSection) -> None:
    settings.remove_selected()
    assert settings.providers.confirm_bar.isVisibleTo(settings)
    settings.providers.confirm_remove.click()


async def test_ctrl_comma_opens_the_settings_page(open_window: OpenWindow) -> None:
    window = open_window()
    window.activateWindow()
    await wait_until(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    page = window.open_settings()
    assert isinstance(page, SettingsPage)
    await wait_until(page.isVisible)
    assert page.window() is window  # a page in the window, not a window of its own
    assert page.provider_list.item(0).text() == "Ollama on this computer"


async def test_without_a_keyring_the_page_warns_keys_last_this_session(
    open_page: OpenPage,
) -> None:
    page = open_page()
    settings = page.window
    await wait_until(lambda: settings.keyring.warning.isVisibleTo(settings))
    assert "no system keyring" in settings.keyring.shown_text().lower()
    assert "until parley closes" in settings.keyring.shown_text().lower()
    assert not (await settings._registry.secrets()).persistent


async def test_add_edit_test_and_remove_a_remote_ollama(
    open_page: OpenPage, ollama_server: OllamaServer, secret_service: SecretServiceSession
) -> None:
    ollama_server.install("tiny:latest")
    page = open_page()
    settings = page.window
    await wait_until(lambda: "Secret Service" in settings.keyring.shown_text())

    provider_id = await add_remote_ollama(settings, ollama_server.url, KEY)
    settings.form.name.setText("Lab Ollama")
    assert await settings.save_form()

    [entry] = saved_providers()
    assert entry["base_url"] == ollama_server.url and entry["name"] == "Lab Ollama"
    assert KEY not in default_settings_path().read_text(encoding="utf-8")
    key_name = settings._entry(provider_id).key_name  # type: ignore[union-attr]
    found = secret_service.secret_tool("lookup", "service", "parley", "username", key_name)
    assert found.stdout == KEY
    assert settings.providers.list.item(1).text() == "Lab Ollama"
    assert page.registry.slot(provider_id) is not None

    await settings.test_connection()
    assert settings.form.result.text().startswith("Connected: 1 model —")
    assert "tiny:latest" in settings.form.result.text()
    assert auth_headers(ollama_server)[-1] == f"Bearer {KEY}"

    # Disabled: gone from the live providers, still in the settings.
    settings.providers.list.item(1).setCheckState(Qt.CheckState.Unchecked)
    await settings._tasks.idle()
    assert page.registry.slot(provider_id) is None
    assert saved_providers()[0]["enabled"] is False

    settings.select(provider_id)
    confirm_removal(settings)
    await settings._tasks.idle()
    assert saved_providers() == []
    assert settings.providers.list.count() == 1
    found = secret_service.secret_tool("lookup", "service", "parley", "username", key_name)
    assert found.stdout == ""


async def test_changes_survive_a_restart(open_page: OpenPage, ollama_server: OllamaServer) -> None:
    page = open_page()
    settings = page.window
    provider_id = await add_remote_ollama(settings, ollama_server.url)
    settings.form.headers.setPlainText("X-Team: research")
    settings.form.proxy_mode.setCurrentIndex(1)  # no proxy
    settings.form.allow_self_signed.setChecked(True)
    assert await settings.save_form()

    reloaded = SettingsStore(default_settings_path()).load()
    [entry] = reloaded.providers
    assert entry.id == provider_id
    assert dict(entry.headers) == {"X-Team": "research"}
    assert entry.use_system_proxy is False and entry.allow_self_signed is True


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("htp:/nowhere", "must start with http:// or https://"),
        ("", "The base URL is empty"),
        ("http://", "has no host name"),
        ("http://127.0.0.1:99999", "not a valid URL"),
    ],
)
async def test_an_invalid_url_is_refused_with_a_clear_message(
    open_page: OpenPage, url: str, expected: str
) -> None:
    page = open_page()
    settings = page.window
    settings.add_provider("openai")
    await settings._tasks.idle()
    settings.form.base_url.setText(url)

    assert not await settings.save_form()
    assert expected in settings.form.result.text()
    await settings.test_connection()
    assert expected in settings.form.result.text()
    assert saved_providers()[0]["base_url"] == "https://api.openai.com/v1"


async def test_bad_custom_header_is_named(open_page: OpenPage) -> None:
    page = open_page()
    settings = page.window
    settings.add_provider("openai")
    await settings._tasks.idle()
    settings.form.headers.setPlainText("X-Good: 1\nno colon here")
    assert not await settings.save_form()
    assert "line 2" in settings.form.result.text()


async def test_nothing_listening_is_named_cannot_connect(
    open_page: OpenPage, ollama_server: OllamaServer
) -> None:
    page = open_page()
    settings = page.window
    url = ollama_server.url
    ollama_server.stop()
    await add_remote_ollama(settings, url)
    await settings.test_connection()
    assert settings.form.result.text().startswith("Cannot connect:")


async def test_a_key_is_not_sent_to_a_new_host_until_confirmed(
    open_page: OpenPage,
    ollama_server_factory: Callable[[], OllamaServer],
    secret_service: SecretServiceSession,
) -> None:
    first, second = ollama_server_factory(), ollama_server_factory()
    page = open_page()
    settings = page.window
    provider_id = await add_remote_ollama(settings, first.url, KEY)
    await settings.test_connection()
    assert auth_headers(first) == [f"Bearer {KEY}"]

    # The person points the provider at another host and saves without confirming.
    await settings._load_key_state()
    settings.form.base_url.setText(second.url)
    assert settings.form.confirm_host.isVisibleTo(settings.form)
    assert await settings.save_form()
    assert "not sent to" in settings.form.result.text()
    assert saved_providers()[0]["key_host"] == first.url.removeprefix("http://")

    await settings.test_connection()
    assert settings.form.result.text().startswith("Key not sent:")
    slot = page.registry.slot(provider_id)
    assert slot is not None
    group = await page.registry.models_of(slot)
    assert "confirm" in group.problem
    assert not any(KEY in str(r.headers) or KEY.encode() in r.raw for r in second.requests)

    # Confirmed: now the key goes to the new host.
    settings.form.confirm_host.setChecked(True)
    assert await settings.save_form()
    await settings.test_connection()
    assert settings.form.result.text().startswith("Connected")
    assert auth_headers(second) == [f"Bearer {KEY}"]
    assert saved_providers()[0]["key_host"] == second.url.removeprefix("http://")


async def test_typing_a_new_key_for_a_new_host_binds_it_there(
    open_page: OpenPage,
    ollama_server_factory: Callable[[], OllamaServer],
    secret_service: SecretServiceSession,
) -> None:
    first, second = ollama_server_factory(), ollama_server_factory()
    page = open_page()
    settings = page.window
    await add_remote_ollama(settings, first.url, KEY)
    await settings._load_key_state()
    settings.form.base_url.setText(second.url)
    settings.form.key.setText(OTHER_KEY)
    assert not settings.form.confirm_host.isVisibleTo(settings.form)
    assert await settings.save_form()
    await settings.test_connection()
    assert auth_headers(second) == [f"Bearer {OTHER_KEY}"]
    assert KEY not in json.dumps([r.headers for r in second.requests])


async def test_default_model_is_chosen_from_the_live_providers(
    open_page: OpenPage, ollama_server: OllamaServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OLLAMA_HOST", ollama_server.url)
    ollama_server.install("tiny:latest")
    page = open_page()
    page.page.show_section("default-model")
    settings = page.page.default_model
    await wait_until(lambda: settings.default_model.findText("tiny:latest") >= 0)
    settings.default_model.setCurrentText("tiny:latest")
    settings.save_default_model()
    await page.page.idle()
    reloaded = SettingsStore(default_settings_path()).load()
    assert (reloaded.default_provider, reloaded.default_model) == ("ollama", "tiny:latest")
    assert config_dir().is_dir()


@pytest.fixture
def openai_server() -> Iterator[OpenAIServer]:
    server = OpenAIServer(api_key=KEY).start()
    yield server
    server.stop()


async def add_openai_compatible(settings: ProvidersSection, url: str, key: str) -> str:
    provider_id = settings.add_provider("custom")
    await settings._tasks.idle()
    settings.form.base_url.setText(url)
    settings.form.key.setText(key)
    assert await settings.save_form()
    return provider_id


async def test_an_openai_compatible_server_lists_its_models(
    open_page: OpenPage, openai_server: OpenAIServer
) -> None:
    settings = open_page().window
    await add_openai_compatible(settings, openai_server.url + "/v1", KEY)
    await settings.test_connection()
    assert settings.form.result.text() == "Connected: 2 models — gpt-4o-test, gpt-test"


async def test_a_wrong_key_is_named_and_never_shown(
    open_page: OpenPage, openai_server: OpenAIServer
) -> None:
    settings = open_page().window
    await add_openai_compatible(settings, openai_server.url + "/v1", OTHER_KEY)
    await settings.test_connection()
    text = settings.form.result.text()
    assert text.startswith("Bad API key:")
    assert "HTTP 401" in text
    assert OTHER_KEY not in text  # the server echoed it; the message must not


async def test_https_to_a_plain_http_server_is_a_tls_failure(
    open_page: OpenPage, openai_server: OpenAIServer
) -> None:
    settings = open_page().window
    url = openai_server.url.replace("http://", "https://") + "/v1"
    await add_openai_compatible(settings, url, KEY)
    await settings.test_connection()
    assert settings.form.result.text().startswith("TLS failure:")
    assert openai_server.requests == []


async def test_a_dead_proxy_is_named(
    open_page: OpenPage, openai_server: OpenAIServer, ollama_server: OllamaServer
) -> None:
    settings = open_page().window
    await add_openai_compatible(settings, "https://api.example.test/v1", KEY)
    dead_proxy = ollama_server.url
    ollama_server.stop()
    settings.form.proxy_mode.setCurrentIndex(2)
    settings.form.proxy_url.setText(dead_proxy)
    await settings.test_connection()
    text = settings.form.result.text()
    assert text.startswith("Proxy failure:")
    assert dead_proxy.removeprefix("http://") in text


async def test_a_proxy_that_refuses_is_named(
    open_page: OpenPage, ollama_server: OllamaServer
) -> None:
    settings = open_page().window
    await add_openai_compatible(settings, "https://api.example.test/v1", KEY)
    settings.form.proxy_mode.setCurrentIndex(2)
    settings.form.proxy_url.setText(ollama_server.url)  # answers CONNECT with an error
    await settings.test_connection()
    assert settings.form.result.text().startswith("Proxy failure:")
    assert not any(KEY in str(r.headers) for r in ollama_server.requests)


# -- the page ------------------------------------------------------------------------


async def test_esc_asks_to_leave_the_page(open_page: OpenPage) -> None:
    page = open_page().page
    left: list[bool] = []
    page.closeRequested.connect(lambda: left.append(True))
    page.activateWindow()
    await wait_until(page.isActiveWindow)
    page.providers.local_form.host.setFocus()
    QTest.keyClick(page.providers.local_form.host, Qt.Key.Key_Escape)
    assert left == [True]
    await page.idle()


async def test_every_section_can_be_shown_by_its_key(open_page: OpenPage) -> None:
    page = open_page().page
    shown: list[str] = []
    page.sectionChanged.connect(shown.append)
    for key in ("default-model", "images", "shortcuts", "about"):
        page.show_section(key)
        assert page.current_section() == key
        assert page.stack.currentWidget().isVisible()
    assert shown == ["default-model", "images", "shortcuts", "about"]
    page.show_section("no-such-section")
    assert page.current_section() == "about"


def inside(widget: object, page: SettingsPage) -> bool:
    """Whether ``widget`` is shown and wholly within the page's visible area."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    if not widget.isVisible():
        return False
    top_left = widget.mapTo(page, widget.rect().topLeft())
    # Not cut by a scroll area or any other parent either.
    whole = widget.visibleRegion().boundingRect().size() == widget.size()
    return whole and page.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize(("width", "height"), [(1108, 760), (952, 640)])
async def test_test_connection_and_save_are_visible_without_scrolling(
    open_page: OpenPage, width: int, height: int
) -> None:
    """Defect 9: the provider form sat in a 160 px scroll area with its buttons below."""
    opened = open_page()
    page, settings = opened.page, opened.window
    page.resize(width, height)
    settings.add_provider("azure")  # the longest form
    await settings._tasks.idle()
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    assert inside(settings.form.test_button, page)
    assert inside(settings.form.save_button, page)
    assert inside(settings.form.base_url, page)
    if height >= 760:  # at the default size nothing scrolls
        assert not settings.form.fields_scroll.verticalScrollBar().isVisible()
    settings.form.advanced_toggle.click()
    QApplication.processEvents()
    # Open or not, the form is never wider than its room: nothing is cut at the right.
    fields = settings.form.fields_scroll
    assert fields.widget().width() <= fields.viewport().width()
    assert inside(settings.form.test_button, page)
    assert inside(settings.form.save_button, page)


async def test_without_a_keyring_the_warning_is_said_once_with_details(
    open_page: OpenPage,
) -> None:
    """Defect 9: the warning said the same thing twice and showed D-Bus internals."""
    settings = open_page().window
    await wait_until(lambda: settings.keyring.warning.isVisibleTo(settings))
    settings.add_provider("openai")
    await settings._tasks.idle()
    from PySide6.QtWidgets import QLabel

    shown = " ".join(
        label.text() for label in settings.findChildren(QLabel) if label.isVisibleTo(settings)
    )
    assert "DBUS_SESSION_BUS_ADDRESS" not in shown
    assert shown.lower().count("until parley closes") == 1
    assert "session only" not in shown.lower()
    settings.keyring.details_button.click()
    assert settings.keyring.details.isVisibleTo(settings)
    assert "DBUS_SESSION_BUS_ADDRESS" in settings.keyring.details.text()


def test_the_add_menu_offers_llama_cpp_and_litellm_needs_a_key(qtbot: object) -> None:
    """Defect 17: no llama.cpp entry; LiteLLM's key was called optional."""
    from desktop.providers.presets import preset_by_id
    from desktop.ui.settings.provider_list import ProviderList

    providers = ProviderList()
    qtbot.addWidget(providers)  # type: ignore[attr-defined]
    entries = {str(a.data()): a.text() for a in providers.add_menu.actions() if a.data()}
    assert "llama.cpp" in entries["llamacpp"]
    assert preset_by_id("llamacpp").base_url == "http://127.0.0.1:8080/v1"
    assert preset_by_id("litellm").needs_key


async def test_the_key_field_says_whether_a_key_is_needed(open_page: OpenPage) -> None:
    settings = open_page().window
    settings.add_provider("litellm")
    await settings._tasks.idle()
    assert settings.form.key.placeholderText() == "Required by this service"
    settings.add_provider("llamacpp")
    await settings._tasks.idle()
    assert settings.form.key.placeholderText().startswith("Optional")


async def test_a_new_custom_provider_does_not_find_an_old_kind_keyed_key(
    open_page: OpenPage, secret_service: SecretServiceSession
) -> None:
    """Defect 20: an old keyring entry "custom" showed as the new provider's "Stored" key."""
    from desktop.storage.secrets import SecretStore

    SecretStore.open().set("custom", OTHER_KEY)  # left by an earlier configuration
    opened = open_page()
    settings = opened.window
    await wait_until(lambda: "Secret Service" in settings.keyring.shown_text())
    provider_id = settings.add_provider("custom")
    await settings._tasks.idle()
    await settings._load_key_state()
    assert not settings.form.key.placeholderText().startswith("Stored")
    assert not settings.form.host_guard.isVisibleTo(settings.form)
    settings.form.base_url.setText("http://127.0.0.1:9/v1")
    assert "no host yet" not in settings.form.host_note.text()
    assert not settings.form.confirm_host.isVisibleTo(settings.form)

    settings.form.key.setText(KEY)
    assert await settings.save_form()
    [entry] = saved_providers()
    assert entry["id"] == provider_id and entry["key_id"] not in ("", provider_id)
    mine = secret_service.secret_tool("lookup", "service", "parley", "username", entry["key_id"])
    assert mine.stdout == KEY
    old = secret_service.secret_tool("lookup", "service", "parley", "username", "custom")
    assert old.stdout == OTHER_KEY  # not ours: left alone
    slot = opened.registry.slot(provider_id)
    assert slot is not None


async def test_an_unconfirmed_stored_key_is_explained_without_no_host_yet(
    open_page: OpenPage, secret_service: SecretServiceSession
) -> None:
    """Defect 20: the confirmation line read "confirmed for: no host yet"."""
    from desktop.core.provider_config import ProviderConfig
    from desktop.storage.secrets import SecretStore
    from desktop.storage.settings import Settings

    SettingsStore(default_settings_path()).save(
        Settings(providers=[ProviderConfig(id="custom", preset="custom", base_url="")])
    )
    SecretStore.open().set("custom", KEY)
    settings = open_page().window
    settings.select("custom")
    await wait_until(lambda: settings.form.key.placeholderText().startswith("Stored"))
    settings.form.base_url.setText("http://127.0.0.1:9/v1")
    assert settings.form.host_guard.isVisibleTo(settings.form)
    text = settings.form.host_note.text()
    assert "no host yet" not in text
    assert "not been confirmed for any address" in text


async def test_remove_asks_before_deleting_the_provider_and_its_key(
    open_page: OpenPage, ollama_server: OllamaServer, secret_service: SecretServiceSession
) -> None:
    """Defect 21: Remove deleted the provider and its stored key at once."""
    settings = open_page().window
    provider_id = await add_remote_ollama(settings, ollama_server.url, KEY)
    key_name = settings._entry(provider_id).key_name  # type: ignore[union-attr]

    settings.select(provider_id)
    settings.providers.remove_button.click()
    await settings._tasks.idle()
    assert settings.providers.confirm_bar.isVisibleTo(settings)
    assert "its stored API key" in settings.providers.confirm_text.text()
    assert [p["id"] for p in saved_providers()] == [provider_id]

    settings.providers.cancel_remove.click()
    await settings._tasks.idle()
    assert not settings.providers.confirm_bar.isVisibleTo(settings)
    found = secret_service.secret_tool("lookup", "service", "parley", "username", key_name)
    assert found.stdout == KEY and [p["id"] for p in saved_providers()] == [provider_id]

    confirm_removal(settings)
    await settings._tasks.idle()
    assert saved_providers() == []
    found = secret_service.secret_tool("lookup", "service", "parley", "username", key_name)
    assert found.stdout == ""


async def test_editing_the_base_url_clears_the_old_connected_line(
    open_page: OpenPage, ollama_server: OllamaServer
) -> None:
    """Defect 22: "Connected: 6 model(s)" of the old host stayed after the URL changed."""
    ollama_server.install("tiny:latest")
    settings = open_page().window
    await add_remote_ollama(settings, ollama_server.url)
    await settings.test_connection()
    assert settings.form.result.text().startswith("Connected: 1 model —")

    settings.form.base_url.setFocus()
    settings.form.base_url.end(False)
    QTest.keyClicks(settings.form.base_url, "9")
    assert "Connected" not in settings.form.result.text()
    assert "Test connection" in settings.form.result.text()


async def test_the_page_follows_settings_changed_elsewhere(open_page: OpenPage) -> None:
    """Observable settings: the list updates when providers change outside the page."""
    from desktop.core.provider_config import ProviderConfig

    opened = open_page()
    settings = opened.window
    registry_settings = opened.registry.settings
    registry_settings.providers = [
        *registry_settings.providers,
        ProviderConfig(id="elsewhere", preset="vllm", name="Added elsewhere"),
    ]
    texts = [settings.providers.list.item(r).text() for r in range(settings.providers.list.count())]
    assert "Added elsewhere" in texts
    registry_settings.image_max_edge = 1024
    assert opened.page.images.max_edge.value() == 1024


def test_shortcuts_section_lists_the_window_shortcuts(qtbot: object) -> None:
    from desktop.ui.settings.shortcuts_section import ShortcutsSection
    from desktop.ui.shell.shortcuts import SHORTCUTS

    section = ShortcutsSection()
    qtbot.addWidget(section)  # type: ignore[attr-defined]
    assert len(section.rows) == len(SHORTCUTS)
    assert any(what.text() == "Settings" for _keys, what in section.rows)


def test_about_opens_the_logs_folder(qtbot: object) -> None:
    from PySide6.QtCore import QUrl

    from desktop import __version__
    from desktop.storage.state_paths import logs_dir
    from desktop.ui.settings.about_section import AboutSection

    opened: list[QUrl] = []
    section = AboutSection(open_url=opened.append)
    qtbot.addWidget(section)  # type: ignore[attr-defined]
    assert __version__ in section.version.text()
    section.folders["logs"][1].click()
    assert [url.toLocalFile() for url in opened] == [str(logs_dir())]
    assert logs_dir().is_dir()


async def test_every_section_name_shows_whole_without_a_sideways_scroll_bar(
    open_window: OpenWindow,
) -> None:
    """'History and backups' was cut at the nav's right edge, with a scroll bar under it."""
    window = open_window()
    window.resize(1180, 760)
    page = window.open_settings()
    await wait_until(page.isVisible)
    nav = page.nav
    assert nav.horizontalScrollBar().maximum() == 0
    for row in range(nav.count()):
        shown = nav.visualItemRect(nav.item(row))
        assert shown.right() <= nav.viewport().width(), nav.item(row).text()
        assert nav.sizeHintForRow(row) > 0
    widest = max(nav.sizeHintForIndex(nav.model().index(r, 0)).width() for r in range(nav.count()))
    assert widest <= nav.viewport().width()
