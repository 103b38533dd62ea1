"""HubSearch against the loopback Hub: rows with the fields shown, repo files grouped by
quantization, and each failure as one of Parley's errors, quickly."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from desktop.core.errors import ConnectionFailed, ModelNotFound, RateLimited, ServerError
from desktop.services.hub_search import HubSearch
from tests.servers.hf_server import GB, LLAMA_GATED, QWEN, HubServer, sample_hub


@pytest.fixture
def hub() -> Iterator[HubServer]:
    server = sample_hub(extra=3)
    yield server
    server.stop()


async def test_search_gives_gguf_repos_most_downloaded_first_with_their_facts(hub):
    rows = await HubSearch(hub.url).search("qwen3")
    assert [row.repo_id for row in rows] == [QWEN, "bartowski/Qwen3-4B-GGUF"]
    first = rows[0]
    assert (first.downloads, first.likes, first.license, first.gated) == (
        182_345,
        512,
        "apache-2.0",
        False,
    )
    assert first.updated is not None and first.updated.year == 2025
    query = hub.searches[-1]
    assert query["filter"] == ["gguf"] and query["limit"] == ["50"]
    gated = await HubSearch(hub.url).search("llama")
    assert [(row.repo_id, row.gated, row.license) for row in gated] == [
        (LLAMA_GATED, True, "llama3.2")
    ]
    assert await HubSearch(hub.url).search("no such model at all") == []


async def test_a_repo_opens_as_quantizations_with_sizes(hub):
    repo = await HubSearch(hub.url).open_repo(QWEN)
    assert [(q.quant, q.size) for q in repo.quants] == [
        ("IQ2_XS", int(1.42 * GB)),
        ("Q2_K", int(1.67 * GB)),
        ("Q4_K_M", int(2.50 * GB)),
        ("Q8_0", int(4.28 * GB)),
        ("BF16", int(8.05 * GB)),
    ]
    assert repo.model.downloads == 182_345
    assert (await HubSearch(hub.url).open_repo(LLAMA_GATED)).model.gated


async def test_failures_become_parleys_errors_without_the_clients_retries(hub):
    search = HubSearch(hub.url)
    hub.inject(status=429, headers={"Retry-After": "30"}, once=True)
    started = time.monotonic()
    with pytest.raises(RateLimited) as limited:
        await search.search("qwen")
    assert limited.value.retry_after == 30
    hub.inject(status=503, once=True)
    with pytest.raises(ServerError):
        await search.search("qwen")
    with pytest.raises(ModelNotFound):
        await search.open_repo("nobody/nothing-GGUF")
    url = hub.url
    hub.stop()
    with pytest.raises(ConnectionFailed):
        await HubSearch(url).search("qwen")
    assert time.monotonic() - started < 3  # no 1-8 s backoff sleeps


def test_the_window_starts_without_importing_huggingface_hub():
    """~0.4 s of imports: they happen in the first search's worker thread, not at start."""
    import subprocess
    import sys

    code = (
        "import sys, desktop.launch, desktop.ui.models.pane, desktop.services.hub_search;"
        "print('huggingface_hub' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
