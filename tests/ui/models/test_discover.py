"""Discover on the Models page, end to end over real HTTP: search the loopback Hugging Face
server, open a repo, pick a quantization, Pull, and see the test Ollama server receive the
hf.co/… pull with progress in the download list; gated repos, no network, empty results,
a rate limit, and the Ollama library list."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from desktop.core.hub_files import MachineMemory
from desktop.core.pull_manager import PullState
from desktop.services.hub_search import HubSearch
from desktop.services.library_registry import LibraryRegistry
from desktop.ui.models.discover_page import HUGGING_FACE, LIBRARY, DiscoverPage
from tests.servers.hf_server import GB, LLAMA_GATED, QWEN, HubServer, sample_hub
from tests.servers.ollama_registry_server import RegistryServer
from tests.ui.conftest import wait_until
from tests.ui.models.page_steps import open_models

PULLED = f"hf.co/{QWEN}:Q8_0"


@pytest.fixture
def hub() -> Iterator[HubServer]:
    server = sample_hub(extra=3)
    yield server
    server.stop()


@pytest.fixture
def registry() -> Iterator[RegistryServer]:
    """Ollama's registry: qwen3:4b and :8b have grown since the list was shipped."""
    server = RegistryServer()
    server.sizes = {("qwen3", "4b"): 2_600_000_000, ("qwen3", "8b"): 5_300_000_000}
    server.start()
    yield server
    server.stop()


async def open_discover(open_window, hub_url: str, registry_url: str = "") -> DiscoverPage:
    window = await open_models(open_window)
    section = window.model_pane.discover
    assert section.page is None  # nothing of Discover is built until it is chosen
    section.machine = MachineMemory(ram=16 * GB, vram=5 * GB)
    # never the real registry: a closed loopback port when the test gives none
    section.registry = LibraryRegistry(registry_url or "http://127.0.0.1:9")
    section.set_hub(HubSearch(hub_url))
    section.switch.choose(1)
    page = section.page
    assert page is not None and page.isVisible()
    assert not window.model_pane.installed.isVisible()
    return page


def rows(page: DiscoverPage) -> list[str]:
    model = page.results.results
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def choice_rows(page: DiscoverPage) -> list[tuple[str, str, str]]:
    tree = page.detail.choices
    items = [tree.topLevelItem(row) for row in range(tree.topLevelItemCount())]
    return [(i.text(0), i.text(1), i.text(2)) for i in items if i is not None]


async def test_search_open_pick_and_pull_reaches_ollama_with_progress(
    ollama_env, tiny_model_path, hub, open_window
):
    ollama_env.publish(PULLED, tiny_model_path)
    ollama_env.pull_rate = 400_000
    page = await open_discover(open_window, hub.url)
    await wait_until(lambda: len(rows(page)) == 6)
    assert rows(page)[0] == QWEN  # most downloaded first
    assert "6 GGUF repositories" in page.status.text()

    page.search_edit.setText("qwen3-4b")  # typed: searched after the pause, once
    searches = len(hub.searches)
    await wait_until(lambda: rows(page) == [QWEN, "bartowski/Qwen3-4B-GGUF"])
    assert len(hub.searches) == searches + 1
    assert hub.searches[-1]["search"] == ["qwen3-4b"]

    page.results.select_row(0)
    await wait_until(lambda: page.detail.choices.topLevelItemCount() == 5)
    assert choice_rows(page) == [
        ("IQ2_XS", "1.4 GB", "Fits in GPU memory"),
        ("Q2_K", "1.7 GB", "Fits in GPU memory"),
        ("Q4_K_M", "2.5 GB", "Fits in GPU memory"),
        ("Q8_0", "4.3 GB", "Fits in RAM"),
        ("BF16 (2 files)", "8.1 GB", "Fits in RAM"),
    ]
    assert page.detail.pull_button.text() == "Pull Q4_K_M"
    assert page.detail.choose("Q8_0")
    assert page.detail.pull_button.text() == "Pull Q8_0"
    page.detail.pull_button.click()

    await wait_until(lambda: bool(ollama_env.requests_to("/api/pull")))
    assert ollama_env.requests_to("/api/pull")[-1].body["model"] == PULLED
    row = page.downloads.row(PULLED)
    assert row is not None and page.downloads_panel.expanded
    await wait_until(lambda: 0 < row.bar.value() < row.bar.maximum(), 10)
    item = page.pulls.find(PULLED)
    assert item is not None
    await wait_until(lambda: item.state is PullState.DONE, 20)
    assert page.window().model_pane.downloads.row(PULLED) is not None  # the page's list too


async def test_a_gated_repo_says_so_and_ollamas_refusal_shows_on_the_download(
    ollama_env, tiny_model_path, hub, open_window
):
    name = f"hf.co/{LLAMA_GATED}:Q4_K_M"
    ollama_env.publish(name, tiny_model_path)
    ollama_env.hf_gated.add(LLAMA_GATED)
    page = await open_discover(open_window, hub.url)
    page.search_edit.setText("llama")
    page.search_now()
    await wait_until(lambda: rows(page) == [LLAMA_GATED])
    assert "Gated" in (page.results.results.index(0, 0).data(3) or "")  # tooltip role
    page.results.select_row(0)
    await wait_until(lambda: page.detail.choices.topLevelItemCount() == 2)
    assert page.detail.notice.isVisible()
    assert page.detail.notice.text().startswith(
        "This repository is gated: accept its licence on huggingface.co"
    )
    assert f"<a href='{hub.url}/{LLAMA_GATED}'>" in page.detail.notice.text()
    page.detail.pull()
    item = page.pulls.find(name)
    assert item is not None
    await wait_until(lambda: item.state is PullState.FAILED, 15)
    assert item.attempts == 1  # another attempt cannot help: not retried
    row = page.downloads.row(name)
    assert row is not None
    assert "restricted" in item.error_detail
    await wait_until(lambda: "the repository is gated" in row.error_label.text())


async def test_no_network_says_so_and_shows_the_shipped_library(hub, ollama_env, open_window):
    url = hub.url
    hub.stop()
    page = await open_discover(open_window, url)
    await wait_until(lambda: page.source.current() == LIBRARY, 8)
    assert page.status.text().startswith("Hugging Face cannot be reached at 127.0.0.1")
    assert "as of 2025-09-15" in page.status.text()
    assert len(rows(page)) >= 25 and rows(page)[0] == "qwen3"
    page.search_edit.setText("embed")
    assert rows(page)[:2] == ["nomic-embed-text", "mxbai-embed-large"]
    page.results.select_row(0)
    assert page.detail.title.text() == "nomic-embed-text"
    assert choice_rows(page) == [("v1.5", "274.0 MB", "Fits in GPU memory")]
    await wait_until(lambda: "registry cannot be reached" in page.detail.note.text())
    assert "sizes as shipped with Parley (2025-09-15)" in page.detail.note.text()
    page.detail.pull()
    assert page.pulls.find("nomic-embed-text:v1.5") is not None

    hub.start()  # back on the same port: choosing Hugging Face searches again
    page.search_edit.clear()
    page.source.choose(HUGGING_FACE)
    await wait_until(lambda: len(rows(page)) == 6, 8)
    assert not page.status.property("warning")


async def test_empty_results_and_a_rate_limit_are_said_plainly(hub, ollama_env, open_window):
    page = await open_discover(open_window, hub.url)
    await wait_until(lambda: len(rows(page)) == 6)
    page.search_edit.setText("zzzz-nothing")
    page.search_now()
    await wait_until(lambda: "No GGUF repositories match" in page.status.text())
    assert rows(page) == []
    hub.inject(status=429, headers={"Retry-After": "20"}, once=True)
    page.search_now()
    await wait_until(lambda: "limiting searches" in page.status.text())
    assert "try again in 20 s" in page.status.text()
    assert page.source.current() == HUGGING_FACE  # not offline: the list stays
    hub.inject(status=502, once=True)
    page.search_now()
    await wait_until(lambda: "answered with an error (502)" in page.status.text())


async def test_typing_on_cancels_the_search_in_flight(hub, ollama_env, open_window):
    page = await open_discover(open_window, hub.url)
    await wait_until(lambda: len(rows(page)) == 6)
    hub.search_delays = [1.0]  # the answer for "qwen" comes late …
    page.search_edit.setText("qwen")
    page.search_now()
    await wait_until(lambda: len(hub.searches) == 2)
    page.search_edit.setText("bartowski")  # … after the person typed on
    page.search_now()
    await wait_until(lambda: rows(page) == ["bartowski/Qwen3-4B-GGUF"])
    await asyncio.sleep(1.3)
    assert rows(page) == ["bartowski/Qwen3-4B-GGUF"]
    assert page.status.text() == "1 GGUF repository"


async def test_library_sizes_are_refreshed_from_ollamas_registry(
    hub, registry, ollama_env, open_window
):
    page = await open_discover(open_window, hub.url, registry.url)
    page.source.choose(LIBRARY)
    page.search_edit.setText("qwen3")
    assert rows(page)[0] == "qwen3"
    page.results.select_row(0)
    assert page.detail.choose("14b")  # chosen before the registry answers …
    await wait_until(lambda: "Sizes checked with Ollama's registry" in page.detail.note.text())
    shown = {tag: size for tag, size, _fit in choice_rows(page)}
    assert shown["4b"] == "2.6 GB" and shown["8b"] == "5.3 GB"  # fresh
    assert shown["0.6b"] == "523.0 MB"  # not in the registry: as shipped
    assert page.detail.chosen_name() == "qwen3:14b"  # … and kept
    asked = [r.path for r in registry.requests if "/qwen3/" in r.path]
    assert len(asked) == 8  # each tag once
    page.results.select_row(1)
    page.results.select_row(0)  # known for the session: not asked again, shown at once
    assert "Sizes checked with Ollama's registry" in page.detail.note.text()
    assert shown == {tag: size for tag, size, _fit in choice_rows(page)}
    await asyncio.sleep(0.3)
    assert [r.path for r in registry.requests if "/qwen3/" in r.path] == asked


async def test_a_pasted_hugging_face_address_opens_its_repo(hub, ollama_env, open_window):
    page = await open_discover(open_window, hub.url)
    await wait_until(lambda: len(rows(page)) == 6)
    page.search_edit.setText(f"https://huggingface.co/{QWEN}/tree/main")
    page.search_now()
    await wait_until(lambda: page.detail.title.text() == QWEN)
    assert hub.searches[-1]["search"] == [QWEN]
    await wait_until(lambda: page.detail.choices.topLevelItemCount() == 5)
    assert page.detail.chosen_name() == f"hf.co/{QWEN}:Q4_K_M"


async def test_the_results_can_be_ordered_as_the_hub_orders_them(hub, ollama_env, open_window):
    page = await open_discover(open_window, hub.url)
    await wait_until(lambda: len(rows(page)) == 6)
    assert hub.searches[-1]["sort"] == ["downloads"]
    downloaded = rows(page)
    page.sort_combo.setCurrentIndex(page.sort_combo.findData("likes"))
    await wait_until(lambda: hub.searches[-1]["sort"] == ["likes"] and rows(page) != downloaded)
    assert rows(page)[:2] == [QWEN, LLAMA_GATED]  # 512 and 230 likes
    assert page.sort_combo.currentText() == "Most liked"
    page.source.choose(LIBRARY)
    assert not page.sort_combo.isVisible()  # the library has one order
