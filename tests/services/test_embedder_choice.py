"""The embedding model chosen in Settings, as a ready embedder or a clear problem, against
the test servers' real MiniLM."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from desktop.core.errors import ModelNotFound
from desktop.core.provider_config import ProviderConfig
from desktop.providers.embed_errors import NotAnEmbeddingModel
from desktop.providers.http_client import make_http_client
from desktop.services.embedder_choice import EmbedderChoice, NoEmbeddingModel
from desktop.storage.secrets import SecretStore
from desktop.storage.settings import Settings
from tests.servers.embedding_fixtures import MINILM, OPENAI_MINILM
from tests.servers.fixtures import TINY
from tests.servers.ollama_server import OllamaServer
from tests.servers.openai_server import OpenAIServer


@pytest.fixture
async def http() -> AsyncIterator[object]:
    client = make_http_client()
    yield client
    await client.aclose()


def choice_for(settings: Settings, http: object) -> EmbedderChoice:
    store = SecretStore(None)

    async def secrets() -> SecretStore:
        return store

    return EmbedderChoice(settings, http, secrets)  # type: ignore[arg-type]


async def test_no_model_chosen_is_a_problem_that_names_settings(http: object) -> None:
    choice = choice_for(Settings(), http)
    assert not choice.chosen
    with pytest.raises(NoEmbeddingModel) as raised:
        await choice.current()
    assert "Settings → Documents" in raised.value.message


async def test_local_ollama_model_embeds_and_problems_are_named(
    http: object, embedding_ollama_server: OllamaServer
) -> None:
    settings = Settings(ollama_host=embedding_ollama_server.url, embedding_model=MINILM)
    choice = choice_for(settings, http)
    embedder = await choice.current()
    vectors = (await embedder.embed(["a cat sat on the mat"])).vectors
    assert len(vectors[0]) == 384
    assert not choice.is_remote and choice.consented
    assert "this computer" in str(choice.describe())
    assert await choice.current() is embedder  # checked once, until the settings change

    settings.embedding_model = "nomic-embed-text:latest"  # not pulled
    with pytest.raises(ModelNotFound):
        await choice.current()
    embedding_ollama_server.install(TINY)
    settings.embedding_model = TINY  # a chat model
    with pytest.raises(NotAnEmbeddingModel):
        await choice.current()


async def test_a_remote_provider_is_said_and_needs_consent_once(
    http: object, embedding_openai_server: OpenAIServer
) -> None:
    remote = ProviderConfig(
        id="lab", preset="custom", name="Lab", base_url="http://192.0.2.10:8000/v1"
    )
    local = ProviderConfig(
        id="here", preset="custom", name="Here", base_url=embedding_openai_server.url + "/v1"
    )
    settings = Settings(providers=[remote, local], embedding_provider="lab", embedding_model="e5")
    choice = choice_for(settings, http)
    assert choice.is_remote and not choice.consented
    assert "not this computer" in str(choice.describe())
    choice.consent()
    assert choice.consented and settings.embedding_remote_consent == ["lab"]

    settings.embedding_provider, settings.embedding_model = "here", OPENAI_MINILM
    assert not choice.is_remote
    embedder = await choice.current()
    assert len((await embedder.embed(["one", "two"])).vectors) == 2

    settings.embedding_provider = "gone"
    with pytest.raises(NoEmbeddingModel):
        await choice.current()


def test_a_trial_choice_leaves_the_saved_one_alone() -> None:
    import httpx

    from desktop.services.embedder_choice import EmbedderChoice
    from desktop.storage.settings import Settings

    async def no_keys() -> object:
        raise AssertionError("no key is needed")

    settings = Settings(embedding_model="all-minilm")
    saved = EmbedderChoice(settings, httpx.AsyncClient(), no_keys)  # type: ignore[arg-type]
    trial = saved.trial("", "nomic-embed-text")
    assert (trial.model, saved.model) == ("nomic-embed-text", "all-minilm")
    assert settings.embedding_model == "all-minilm"
