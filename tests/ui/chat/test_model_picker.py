"""The unified model picker: every enabled provider's models, grouped, searchable, local first."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.providers.credentials import key_host_for
from desktop.providers.http_client import make_http_client
from desktop.storage.secrets import SecretStore
from desktop.storage.settings import ProviderEntry, Settings
from desktop.ui.chat.model_picker import ModelPicker
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
            ProviderEntry(
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
    assert not picker.popup.isVisible()


async def test_searching_a_provider_name_shows_all_its_models(picker: ModelPicker) -> None:
    picker.popup.search.setText("cloud")
    assert {m for _p, m in picker.popup.visible_models()} == {"gpt-test", "gpt-4o-test"}
    picker.popup.search.setText("nothing like this")
    assert picker.popup.visible_models() == []
