"""The unified model picker: every enabled provider's models, grouped, searchable, local first."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.core.network_place import place_of_url
from desktop.core.provider_config import ProviderConfig
from desktop.providers.credentials import key_host_for
from desktop.providers.http_client import make_http_client
from desktop.storage.secrets import SecretStore
from desktop.storage.settings import Settings
from desktop.ui.chat.composer.model_picker import MODEL_ROLE, ModelPicker
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID, ProviderRegistry
from desktop.ui.tasks import TaskOwner
from tests.servers.ollama_server import OllamaServer
from tests.servers.openai_server import OpenAIServer
from tests.ui.conftest import wait_until

KEY = "sk-picker-0a1b2c3d"


@pytest.fixture
def openai_server() -> Iterator[OpenAIServer]:
    server = OpenAIServer(api_key=KEY).start()
    yield server
    server.stop()


@pytest.fixture
async def picker(
    qtbot: object, ollama_server: OllamaServer, openai_server: OpenAIServer
) -> AsyncIterator[ModelPicker]:
    ollama_server.install("tiny:latest")
    ollama_server.install("tiny-vision:latest")
    url = openai_server.url + "/v1"
    settings = Settings(
        ollama_host=ollama_server.url,
        providers=[
            ProviderConfig(
                id="cloud", preset="openai", name="Cloud", base_url=url, key_host=key_host_for(url)
            )
        ],
    )
    secrets = SecretStore(None)
    secrets.set("cloud", KEY)
    http = make_http_client()
    tasks = TaskOwner()
    registry = ProviderRegistry(settings, http, open_secrets=lambda: secrets)
    widget = ModelPicker(registry, tasks)
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.show()
    await registry.rebuild()
    await wait_until(lambda: len(widget.popup.visible_models()) == 4)
    yield widget
    widget.popup.hide()
    await tasks.cancel_all()
    await registry.aclose()
    await http.aclose()


async def test_offers_every_provider_local_first(picker: ModelPicker) -> None:
    headers = [
        picker.popup.tree.topLevelItem(i).text(0)
        for i in range(picker.popup.tree.topLevelItemCount())
    ]
    assert headers[0].startswith("Ollama")
    assert headers[1].startswith("Cloud")
    first_two = picker.popup.visible_models()[:2]
    assert {m for p, m in first_two if p == LOCAL_OLLAMA_ID} == {
        "tiny:latest",
        "tiny-vision:latest",
    }
    assert {m for p, m in picker.popup.visible_models() if p == "cloud"} == {
        "gpt-test",
        "gpt-4o-test",
    }
    cloud = picker.popup.tree.topLevelItem(1)
    labels = [cloud.child(i).text(0) for i in range(cloud.childCount())]
    assert any(label.startswith("gpt-4o-test") and "sees images" in label for label in labels)


async def test_search_narrows_and_enter_picks_the_first_match(picker: ModelPicker) -> None:
    chosen: list[tuple[str, str]] = []
    picker.modelChosen.connect(lambda provider, model: chosen.append((provider, model)))
    picker.open_popup()
    QTest.keyClicks(picker.popup.search, "4o")
    assert picker.popup.visible_models() == [("cloud", "gpt-4o-test")]
    assert picker.popup.tree.topLevelItem(0).isHidden()  # Ollama has no match

    QTest.keyClick(picker.popup.search, Qt.Key.Key_Return)

    assert chosen == [("cloud", "gpt-4o-test")]
    assert picker.current == ("cloud", "gpt-4o-test")
    assert picker.button.text() == "gpt-4o-test  ·  Cloud"
    assert picker.button.toolTip().startswith("gpt-4o-test from Cloud")
    assert not picker.popup.isVisible()


async def test_searching_a_provider_name_shows_all_its_models(picker: ModelPicker) -> None:
    picker.popup.search.setText("cloud")
    assert {m for _p, m in picker.popup.visible_models()} == {"gpt-test", "gpt-4o-test"}
    picker.popup.search.setText("nothing like this")
    assert picker.popup.visible_models() == []


async def _picker_for(
    qtbot: object, settings: Settings, secrets: SecretStore
) -> tuple[ModelPicker, TaskOwner, ProviderRegistry, object]:
    http = make_http_client()
    tasks = TaskOwner()
    registry = ProviderRegistry(settings, http, open_secrets=lambda: secrets)
    widget = ModelPicker(registry, tasks)
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.show()
    await registry.rebuild()
    return widget, tasks, registry, http


async def _close(tasks: TaskOwner, registry: ProviderRegistry, http: object) -> None:
    await tasks.cancel_all()
    await registry.aclose()
    await http.aclose()  # type: ignore[attr-defined]


async def test_embedding_models_are_shown_but_never_chosen_for_chat(
    qtbot: object, ollama_server: OllamaServer, tiny_model_path: object
) -> None:
    """Defect 7: an embedding model first in a new LiteLLM provider's list was auto-picked
    for chat, and the server answered HTTP 400."""
    gateway = OpenAIServer(models=("text-embedding-3-small", "gpt-test")).start()
    ollama_server.publish(
        "nomic-embed-text:latest",
        tiny_model_path,  # type: ignore[arg-type]
        capabilities=("embedding",),
        family="nomic-bert",
    )
    ollama_server.install("nomic-embed-text:latest")
    url = gateway.url + "/v1"
    settings = Settings(
        ollama_host=ollama_server.url,
        providers=[
            ProviderConfig(
                id="litellm",
                preset="custom",
                name="LiteLLM",
                base_url=url,
                key_host=key_host_for(url),
            )
        ],
    )
    widget, tasks, registry, http = await _picker_for(qtbot, settings, SecretStore(None))
    try:
        await wait_until(lambda: len(widget.groups) == 2 and widget.groups[1].models)
        assert widget.first_chat_model() == ("litellm", "gpt-test")
        assert widget.chat_models() == [("litellm", "gpt-test")]
        assert widget.popup.visible_models() == [("litellm", "gpt-test")]

        tree = widget.popup.tree
        rows = [
            header.child(row)
            for header in (tree.topLevelItem(0), tree.topLevelItem(1))
            for row in range(header.childCount())
            if "embed" in header.child(row).data(0, MODEL_ROLE)
        ]
        assert len(rows) == 2
        for row in rows:
            assert "embedding model" in row.text(0)
            assert not row.flags() & Qt.ItemFlag.ItemIsEnabled  # shown disabled
            assert "cannot answer in a chat" in row.toolTip(0)
        chosen: list[tuple[str, str]] = []
        widget.modelChosen.connect(lambda p, m: chosen.append((p, m)))
        widget.popup._activated(rows[1])
        widget.open_popup()
        QTest.keyClicks(widget.popup.search, "embed")
        QTest.keyClick(widget.popup.search, Qt.Key.Key_Return)
        assert chosen == []
    finally:
        widget.popup.hide()
        await _close(tasks, registry, http)
        gateway.stop()


async def test_loopback_and_private_servers_are_not_called_cloud(
    qtbot: object, unused_tcp_port: int
) -> None:
    """Defect 23: a server at 127.0.0.2 was labelled "cloud", and why it failed was cut."""
    url = f"http://127.0.0.2:{unused_tcp_port}/v1"
    settings = Settings(
        ollama_enabled=False,
        providers=[
            ProviderConfig(
                id="box", preset="custom", name="Box", base_url=url, key_host=key_host_for(url)
            )
        ],
    )
    widget, tasks, registry, http = await _picker_for(qtbot, settings, SecretStore(None))
    try:
        await wait_until(lambda: bool(widget.groups) and bool(widget.groups[0].problem))
        tree = widget.popup.tree
        header = tree.topLevelItem(0)
        assert header.text(0) == "Box  ·  this machine"
        widget.open_popup()
        note = header.child(0)
        assert note.text(0) == widget.groups[0].problem
        one_line = tree.fontMetrics().height()
        # The whole explanation is readable: it wraps onto more lines, not off the edge.
        assert tree.fontMetrics().horizontalAdvance(note.text(0)) > tree.viewport().width()
        assert tree.visualItemRect(note).height() >= 2 * one_line
    finally:
        widget.popup.hide()
        await _close(tasks, registry, http)


@pytest.mark.parametrize(
    ("url", "where"),
    [
        ("http://127.0.0.2:8080/v1", "machine"),
        ("http://localhost:4000", "machine"),
        ("http://[::1]:11434", "machine"),
        ("http://10.0.0.7:8000/v1", "network"),
        ("http://172.16.4.2/v1", "network"),
        ("http://192.168.1.20:1234/v1", "network"),
        ("http://[fd12::3]:8000", "network"),
        ("http://gpu-box.local:8000", "network"),
        ("https://api.openai.com/v1", "cloud"),
        ("http://172.32.0.1/v1", "cloud"),
    ],
)
def test_where_a_server_runs(url: str, where: str) -> None:
    assert place_of_url(url).value == where


async def test_a_long_name_is_shown_from_its_start_with_the_provider_muted(
    picker: ModelPicker,
) -> None:
    """Defect 6: at 1180x760 the button showed ":4b-instruct-2507-q4_K_M · C"."""
    long = "hf.co/unsloth/Qwen3-4B-Instruct-2507-GGUF:Q4_K_M"
    picker.set_current(LOCAL_OLLAMA_ID, long)
    picker.button.resize(220, picker.button.sizeHint().height())
    name, provider = picker.button.shown_parts()
    assert name.startswith("hf.co/unsloth/") and name.endswith("…")
    assert provider == "  ·  Ollama"
    assert picker.button.text() == f"{long}  ·  Ollama"
    assert long in picker.button.toolTip()
    assert picker.button.sizeHint().width() <= 360

    picker.set_current(LOCAL_OLLAMA_ID, "tiny:latest")
    assert picker.button.shown_parts() == ("tiny:latest", "  ·  Ollama")
