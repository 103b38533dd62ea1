"""The settings window in the real app: providers, keys in the keyring, Test connection."""

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
from desktop.ui.settings.settings_window import SettingsWindow
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
    window: SettingsWindow
    registry: ProviderRegistry


OpenPage = Callable[[], Opened]


@pytest.fixture
async def open_page(qtbot: object) -> AsyncIterator[Callable[[], Opened]]:
    """Factory: the settings window on real services, as the main window builds it."""
    opened: list[tuple[ProviderRegistry, TaskOwner]] = []
    http = make_http_client()

    def factory() -> Opened:
        store = SettingsStore(default_settings_path())
        registry = ProviderRegistry(store.load(), http)
        tasks = TaskOwner()
        opened.append((registry, tasks))
        tasks.spawn(registry.rebuild())
        window = SettingsWindow(registry, store, tasks)
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.show()
        return Opened(window, registry)

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


async def add_remote_ollama(settings: SettingsWindow, url: str, key: str = "") -> str:
    provider_id = settings.add_provider("ollama")
    await settings.idle()
    form = settings.form
    form.base_url.setText(url)
    form.auth.setCurrentIndex(form.auth.findData("bearer"))
    if key:
        form.key.setText(key)
    assert await settings.save_form()
    return provider_id


async def test_ctrl_comma_opens_a_non_modal_settings_window(open_window: OpenWindow) -> None:
    window = open_window()
    window.activateWindow()
    await wait_until(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    await wait_until(lambda: window._settings_window is not None)
    settings = window._settings_window
    assert settings is not None and settings.isVisible()
    assert not settings.isModal()
    assert window.isEnabled()
    assert settings.provider_list.item(0).text() == "Ollama on this computer"


async def test_without_a_keyring_the_page_warns_keys_last_this_session(
    open_page: OpenPage,
) -> None:
    page = open_page()
    settings = page.window
    await wait_until(lambda: "session only" in settings.keyring_state.text())
    assert "no system keyring" in settings.keyring_state.text().lower()
    assert not (await settings._registry.secrets()).persistent


async def test_add_edit_test_and_remove_a_remote_ollama(
    open_page: OpenPage, ollama_server: OllamaServer, secret_service: SecretServiceSession
) -> None:
    ollama_server.install("tiny:latest")
    page = open_page()
    settings = page.window
    await wait_until(lambda: "Secret Service" in settings.keyring_state.text())

    provider_id = await add_remote_ollama(settings, ollama_server.url, KEY)
    settings.form.name.setText("Lab Ollama")
    assert await settings.save_form()

    [entry] = saved_providers()
    assert entry["base_url"] == ollama_server.url and entry["name"] == "Lab Ollama"
    assert KEY not in default_settings_path().read_text(encoding="utf-8")
    found = secret_service.secret_tool("lookup", "service", "parley", "username", provider_id)
    assert found.stdout == KEY
    assert settings.provider_list.item(1).text() == "Lab Ollama"
    assert page.registry.slot(provider_id) is not None

    await settings.test_connection()
    assert settings.form.result.text().startswith("Connected: 1 model(s)")
    assert "tiny:latest" in settings.form.result.text()
    assert auth_headers(ollama_server)[-1] == f"Bearer {KEY}"

    # Disabled: gone from the live providers, still in the settings.
    settings.provider_list.item(1).setCheckState(Qt.CheckState.Unchecked)
    await settings.idle()
    assert page.registry.slot(provider_id) is None
    assert saved_providers()[0]["enabled"] is False

    settings.select(provider_id)
    settings.remove_selected()
    await settings.idle()
    assert saved_providers() == []
    assert settings.provider_list.count() == 1
    found = secret_service.secret_tool("lookup", "service", "parley", "username", provider_id)
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
    assert entry.headers == {"X-Team": "research"}
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
    await settings.idle()
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
    await settings.idle()
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
    settings = page.window
    await wait_until(lambda: settings.default_model.findText("tiny:latest") >= 0)
    settings.default_model.setCurrentText("tiny:latest")
    settings.save_default_model()
    await settings.idle()
    reloaded = SettingsStore(default_settings_path()).load()
    assert (reloaded.default_provider, reloaded.default_model) == ("ollama", "tiny:latest")
    assert config_dir().is_dir()


@pytest.fixture
def openai_server() -> Iterator[OpenAIServer]:
    server = OpenAIServer(api_key=KEY).start()
    yield server
    server.stop()


async def add_openai_compatible(settings: SettingsWindow, url: str, key: str) -> str:
    provider_id = settings.add_provider("custom")
    await settings.idle()
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
    assert settings.form.result.text() == "Connected: 2 model(s) — gpt-4o-test, gpt-test"


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
