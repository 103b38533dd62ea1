"""Attached pictures reach every provider family intact and upright.

Each test server decodes what it receives (strict base64 of the declared media type);
the test decodes those bytes again and compares sizes and pixels with the originals:
a phone photo with EXIF orientation 6 must arrive upright, a diagram pixel for pixel.
The pictures go the whole way: prepared, stored with the message in the history,
loaded by ChatService, encoded by the provider; a later turn sends them again.
"""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from PIL import Image

from desktop.core.attachment import ImageAttachment
from desktop.core.chat_service import ChatProvider, ChatService
from desktop.core.image_preparation import prepare_image
from desktop.core.provider_config import AzureMode
from desktop.providers.ollama import OllamaProvider
from desktop.storage.history import HistoryStore
from tests.pictures import encoded, left_blue_right_red, rotated_jpeg, sharp_pattern
from tests.providers.streams import provider_for
from tests.servers.cloud_fixtures import ANTHROPIC_KEY, OPENAI_KEY
from tests.servers.fixtures import TINY_VISION

PHOTO = left_blue_right_red(640, 320)  # as the camera stored it, to be turned upright
DIAGRAM = sharp_pattern(64, 48)


@dataclass
class Family:
    provider: ChatProvider
    model: str
    received: Callable[[], list[tuple[str, bytes]]]
    """(media type, bytes) of every image the server decoded, in order."""


@pytest.fixture(params=["ollama", "openai", "azure", "anthropic"])
async def family(  # type: ignore[no-untyped-def]
    request,
    http: httpx.AsyncClient,
    ollama_server_factory,
    openai_server_factory,
    anthropic_server_factory,
) -> AsyncIterator[Family]:
    name = request.param
    if name == "ollama":
        ollama = ollama_server_factory(install=[TINY_VISION])
        yield Family(
            OllamaProvider(http, ollama.url),
            TINY_VISION,
            lambda: [("", image) for image in ollama.received_images],
        )
    elif name in ("openai", "azure"):
        server = openai_server_factory()
        if name == "openai":
            built = provider_for(http, "openai", f"{server.url}/v1", OPENAI_KEY)
            model = "gpt-4o-test"
        else:
            built = provider_for(
                http,
                "azure",
                server.url,
                OPENAI_KEY,
                azure_mode=AzureMode.DEPLOYMENT.value,
                api_version="2024-10-21",
                deployments=("chat",),
            )
            model = "chat"
        yield Family(built.provider, model, lambda: list(server.received_images))
    else:
        claude = anthropic_server_factory()
        built = provider_for(http, "anthropic", claude.url, ANTHROPIC_KEY)
        yield Family(built.provider, "claude-test-vision", lambda: list(claude.received_images))


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image.convert("RGB")


def assert_upright_photo(data: bytes) -> None:
    photo = decoded(data)
    assert photo.size == (320, 640)  # portrait: the EXIF rotation was applied
    top, bottom = photo.getpixel((160, 40)), photo.getpixel((160, 600))
    assert top[2] > 200 and top[0] < 60, f"the blue edge should be on top, got {top}"
    assert bottom[0] > 200 and bottom[2] < 60, f"red below, got {bottom}"


async def test_pictures_arrive_intact_and_are_sent_again_with_the_history(
    family: Family, tmp_path: Path
) -> None:
    photo = prepare_image(rotated_jpeg(PHOTO, orientation=6), name="phone.jpg")
    diagram = prepare_image(encoded(DIAGRAM, "PNG"), name="diagram.png")
    with HistoryStore.open(tmp_path / "history.sqlite3") as store:
        chat = ChatService(store, family.provider)
        conversation = store.create_conversation("Pictures", family.model)
        chat.add_user_message(conversation.id, "What are these?", images=[photo, diagram])
        _ = [event async for event in chat.stream_reply(conversation.id, family.model)]

        received = family.received()
        assert len(received) == 2
        (photo_type, photo_bytes), (diagram_type, diagram_bytes) = received
        assert photo_bytes == photo.data and diagram_bytes == diagram.data
        if photo_type:  # Ollama's API carries no media type
            assert (photo_type, diagram_type) == ("image/jpeg", "image/png")
        assert_upright_photo(photo_bytes)
        assert decoded(diagram_bytes).tobytes() == DIAGRAM.tobytes()

        chat.add_user_message(conversation.id, "And the second one?")
        _ = [event async for event in chat.stream_reply(conversation.id, family.model)]
        again = family.received()[2:]
        assert [data for _kind, data in again] == [photo.data, diagram.data]


async def test_a_picture_attached_twice_is_sent_twice_but_stored_once(
    family: Family, tmp_path: Path
) -> None:
    diagram: ImageAttachment = prepare_image(encoded(DIAGRAM, "PNG"))
    with HistoryStore.open(tmp_path / "history.sqlite3") as store:
        chat = ChatService(store, family.provider)
        conversation = store.create_conversation("Twice", family.model)
        chat.add_user_message(conversation.id, "Same?", images=[diagram, diagram])
        _ = [event async for event in chat.stream_reply(conversation.id, family.model)]
        assert [data for _kind, data in family.received()] == [diagram.data, diagram.data]
        assert store.thumbnails([diagram.digest]) == {diagram.digest: diagram.thumbnail}
