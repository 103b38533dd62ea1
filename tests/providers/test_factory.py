"""The provider factory: configs become providers on the right client, and keys stay home."""

from __future__ import annotations

import base64
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop.core.errors import AuthFailed, BadRequest, ConnectionFailed
from desktop.core.provider_config import ProviderConfig
from desktop.providers.anthropic import AnthropicProvider
from desktop.providers.azure_openai import AzureOpenAIProvider
from desktop.providers.credentials import KeyNotConfirmed, key_host_for
from desktop.providers.factory import build_provider, needs_own_client
from desktop.providers.ollama import OllamaProvider
from desktop.providers.openai_compat import OpenAICompatProvider
from tests.providers.streams import HELLO, collect, provider_for, text_of
from tests.servers.cloud_fixtures import OPENAI_KEY, OpenAIServerFactory
from tests.servers.fixtures import TINY
from tests.servers.ollama_server import OllamaServer
from tests.servers.openai_server import CHAT, MODELS, OpenAIServer
from tests.servers.tiny_gguf import DEFAULT_REPLY

BEDROCK = "https://bedrock-runtime.us-west-2.amazonaws.com/openai/v1"
AZURE = "https://res.openai.azure.com"


class TlsOpenAIServer(OpenAIServer):
    """The OpenAI test server behind TLS with a self-signed certificate."""

    def __init__(self, cert: Path, key: Path) -> None:
        super().__init__(api_key=OPENAI_KEY)
        self._context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self._context.load_cert_chain(cert, key)

    def start(self) -> TlsOpenAIServer:
        super().start()
        assert self._httpd is not None
        self._httpd.socket = self._context.wrap_socket(self._httpd.socket, server_side=True)
        return self

    @property
    def url(self) -> str:
        return super().url.replace("http://", "https://")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def tls_server(certificate: tuple[Path, Path]) -> Iterator[TlsOpenAIServer]:
    server = TlsOpenAIServer(*certificate).start()
    yield server
    server.stop()


def config(preset: str, base_url: str = "", **fields: object) -> ProviderConfig:
    return ProviderConfig(id=f"p-{preset}", preset=preset, base_url=base_url, **fields)  # type: ignore[arg-type]


# -- building ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "kind"),
    [
        (config("openai"), OpenAICompatProvider),
        (config("groq"), OpenAICompatProvider),
        (config("bedrock", BEDROCK), OpenAICompatProvider),
        (config("anthropic"), AnthropicProvider),
        (config("azure", AZURE, deployments=("chat",)), AzureOpenAIProvider),
        (config("azure", AZURE, azure_mode="v1"), AzureOpenAIProvider),
        (config("ollama"), OllamaProvider),
        (config("lmstudio"), OpenAICompatProvider),
    ],
)
async def test_each_family_is_built_on_the_shared_client(
    http: httpx.AsyncClient, entry: ProviderConfig, kind: type
) -> None:
    built = build_provider(entry, "", http)
    assert isinstance(built.provider, kind)
    assert built.client is http
    await built.aclose()
    assert not http.is_closed  # the shared client is never closed by a provider


async def test_static_listing_offers_the_preset_and_typed_models(http: httpx.AsyncClient) -> None:
    entry = config("bedrock", BEDROCK, models=("mine",))
    names = [model.name for model in await build_provider(entry, "", http).list_models()]
    assert names == ["openai.gpt-oss-20b-1:0", "openai.gpt-oss-120b-1:0", "mine"]


async def test_sees_images_uses_preset_and_person(http: httpx.AsyncClient) -> None:
    built = build_provider(config("openai", vision_models=("ft:*",)), "", http)
    assert built.sees_images("gpt-4o")
    assert built.sees_images("ft:my-model")
    assert not built.sees_images("gpt-3.5-turbo")


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        (config("azure"), r"still contains \{resource\}"),
        (config("vertex"), r"\{location\}, \{project\}"),
        (config("custom"), "has no endpoint URL"),
        (config("custom", "ftp://example.com"), "must start with http"),
        (config("custom", "http://x", ca_bundle="/no/such/ca.pem"), "CA bundle /no/such/ca.pem"),
    ],
)
def test_an_unusable_config_is_named(
    http: httpx.AsyncClient, entry: ProviderConfig, problem: str
) -> None:
    with pytest.raises(ConnectionFailed, match=problem):
        build_provider(entry, "", http)


@pytest.mark.parametrize("header", [("Bad Header", "x"), ("X-Ok", "two\nlines"), ("X-Ok", "naïve")])
def test_bad_custom_headers_are_refused(http: httpx.AsyncClient, header: tuple[str, str]) -> None:
    with pytest.raises(BadRequest, match="custom header"):
        build_provider(config("custom", "http://x", headers=(header,)), "", http)


async def test_custom_headers_are_sent(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    built = provider_for(
        http, "custom", f"{openai_server.url}/v1", OPENAI_KEY, headers=(("X-Team", "blue"),)
    )
    await built.list_models()
    [request] = openai_server.requests_to(MODELS)
    assert request.headers["x-team"] == "blue"


async def test_network_settings_get_their_own_client(http: httpx.AsyncClient) -> None:
    entry = config("custom", "http://127.0.0.1:9/v1", use_system_proxy=False)
    assert needs_own_client(entry)
    assert not needs_own_client(config("custom", "http://127.0.0.1:9/v1"))
    built = build_provider(entry, "", http)
    assert built.client is not http
    await built.aclose()
    assert built.client is not None and built.client.is_closed
    assert not http.is_closed


# -- the key goes only to its host ------------------------------------------------------


async def test_key_is_not_sent_to_a_new_host_until_confirmed(
    http: httpx.AsyncClient, openai_server_factory: OpenAIServerFactory
) -> None:
    home = openai_server_factory()
    elsewhere = openai_server_factory(api_key=None)
    confirmed_for_home = key_host_for(home.url)
    moved = provider_for(
        http, "openai", f"{elsewhere.url}/v1", OPENAI_KEY, key_host=confirmed_for_home
    )

    with pytest.raises(KeyNotConfirmed) as caught:
        await moved.list_models()
    with pytest.raises(KeyNotConfirmed):
        await collect(moved.provider.chat("gpt-test", HELLO))

    assert elsewhere.requests == []  # nothing at all went to the new host
    assert isinstance(caught.value, AuthFailed)
    assert caught.value.key_host == confirmed_for_home
    assert caught.value.request_host == key_host_for(elsewhere.url)
    assert "confirm the key" in caught.value.message
    assert OPENAI_KEY not in caught.value.message

    again = provider_for(http, "openai", f"{elsewhere.url}/v1", OPENAI_KEY)  # confirmed now
    assert text_of(await collect(again.provider.chat("gpt-test", HELLO))) == DEFAULT_REPLY
    [request] = elsewhere.requests_to(CHAT)
    assert request.headers["authorization"] == f"Bearer {OPENAI_KEY}"


async def test_a_key_never_confirmed_is_never_sent(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    built = provider_for(http, "openai", f"{openai_server.url}/v1", OPENAI_KEY, key_host="")
    with pytest.raises(KeyNotConfirmed, match="has not been confirmed"):
        await built.list_models()
    assert openai_server.requests == []


def test_same_host_other_port_is_another_host() -> None:
    assert key_host_for("https://API.example.com/v1") == "api.example.com:443"
    assert key_host_for("http://127.0.0.1:8000/v1") != key_host_for("http://127.0.0.1:8001/v1")
    assert key_host_for("http://[::1]:5/x") == "[::1]:5"
    assert key_host_for("not a url") == ""


async def test_the_key_is_in_no_repr(http: httpx.AsyncClient) -> None:
    built = provider_for(http, "openai", "https://api.openai.com/v1", OPENAI_KEY)
    for text in (repr(built), repr(built.provider), str(built)):
        assert OPENAI_KEY not in text


async def test_remote_ollama_with_basic_auth(
    http: httpx.AsyncClient, ollama_server: OllamaServer
) -> None:
    ollama_server.install(TINY)
    built = provider_for(http, "ollama", ollama_server.url, "me:s3cret-pass", auth="basic")
    assert built.client is not http

    assert [model.name for model in await built.list_models()] == [TINY]

    [request] = ollama_server.requests_to("/api/tags")
    expected = base64.b64encode(b"me:s3cret-pass").decode()
    assert request.headers["authorization"] == f"Basic {expected}"
    await built.aclose()


# -- TLS and proxies --------------------------------------------------------------------


async def test_self_signed_certificate_is_refused_by_default(
    http: httpx.AsyncClient, tls_server: TlsOpenAIServer
) -> None:
    built = provider_for(http, "custom", f"{tls_server.url}/v1", OPENAI_KEY)
    with pytest.raises(ConnectionFailed, match=r"TLS certificate .* could not be verified"):
        await built.list_models()


async def test_allow_self_signed_or_a_ca_bundle_connects(
    http: httpx.AsyncClient, tls_server: TlsOpenAIServer, certificate: tuple[Path, Path]
) -> None:
    url = f"{tls_server.url}/v1"
    for settings in ({"allow_self_signed": True}, {"ca_bundle": str(certificate[0])}):
        built = provider_for(http, "custom", url, OPENAI_KEY, **settings)
        assert [model.name for model in await built.list_models()] == ["gpt-4o-test", "gpt-test"]
        await built.aclose()


async def test_a_proxy_that_refuses_is_named(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    # The test server is no proxy: it refuses CONNECT, as a proxy refusing the tunnel would.
    built = provider_for(
        http, "openai", "https://api.openai.com/v1", OPENAI_KEY, proxy_url=openai_server.url
    )
    with pytest.raises(ConnectionFailed, match="proxy"):
        await built.list_models()
    await built.aclose()
