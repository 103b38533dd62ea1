"""The loopback Hugging Face server answers the official ``huggingface_hub`` client as the
Hub does: search with the fields Discover shows, repo files with sizes, the tree, file
metadata, and the Hub's error codes turned into the client's own exceptions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from huggingface_hub import HfApi, get_hf_file_metadata, hf_hub_url
from huggingface_hub.errors import GatedRepoError, RepositoryNotFoundError, RevisionNotFoundError

from tests.servers.hf_server import GB, LLAMA_GATED, QWEN, HubServer, sample_hub


@pytest.fixture
def hub() -> Iterator[HubServer]:
    server = sample_hub(extra=30)
    yield server
    server.stop()


def test_list_models_searches_gguf_repos_sorted_with_the_fields_asked(hub):
    api = HfApi(endpoint=hub.url)
    found = list(
        api.list_models(
            search="qwen3-4b",
            filter="gguf",
            sort="downloads",
            limit=20,
            expand=["downloads", "likes", "lastModified", "gated", "cardData", "tags"],
        )
    )
    assert [model.id for model in found] == [QWEN, "bartowski/Qwen3-4B-GGUF"]
    first = found[0]
    assert first.downloads == 182_345 and first.likes == 512
    assert first.last_modified is not None and first.last_modified.year == 2025
    assert first.gated is False
    assert first.card_data is not None and first.card_data.license == "apache-2.0"
    assert "gguf" in (first.tags or [])
    query = hub.searches[-1]
    assert query["filter"] == ["gguf"] and query["sort"] == ["downloads"]
    assert set(query["expand"]) >= {"downloads", "likes", "lastModified", "gated", "cardData"}


def test_list_models_pages_through_the_link_header(hub):
    api = HfApi(endpoint=hub.url)
    every = list(api.list_models(filter="gguf", sort="likes"))
    assert len(every) == 33
    likes = [model.likes for model in every]
    assert likes == sorted(likes, reverse=True)
    small_pages = list(api.list_models(author="tester", limit=5))
    assert len(small_pages) == 5


def test_model_info_lists_files_with_sizes_and_the_gated_flag(hub):
    api = HfApi(endpoint=hub.url)
    info = api.model_info(QWEN, files_metadata=True)
    sizes = {sibling.rfilename: sibling.size for sibling in info.siblings or []}
    assert sizes["Qwen3-4B-Instruct-2507-Q4_K_M.gguf"] == int(2.5 * GB)
    assert sizes["BF16/Qwen3-4B-Instruct-2507-BF16-00002-of-00002.gguf"] == int(4.05 * GB)
    sibling = next(s for s in info.siblings or [] if s.rfilename.endswith("Q8_0.gguf"))
    assert sibling.lfs is not None and sibling.lfs.size == int(4.28 * GB)
    gated = api.model_info(LLAMA_GATED, revision="main", files_metadata=True)
    assert gated.gated == "manual"
    assert gated.card_data is not None and gated.card_data.license == "llama3.2"


def test_list_repo_tree_gives_files_and_folders_with_sizes(hub):
    api = HfApi(endpoint=hub.url)
    top = {entry.path: entry for entry in api.list_repo_tree(QWEN)}
    assert "BF16" in top and type(top["BF16"]).__name__ == "RepoFolder"
    assert getattr(top["Qwen3-4B-Instruct-2507-Q2_K.gguf"], "size", None) == int(1.67 * GB)
    inner = [entry.path for entry in api.list_repo_tree(QWEN, path_in_repo="BF16")]
    assert len(inner) == 2 and all(path.startswith("BF16/") for path in inner)


def test_file_metadata_of_a_gated_repo_raises_the_gated_error(hub):
    open_url = hf_hub_url(QWEN, "Qwen3-4B-Instruct-2507-Q4_K_M.gguf", endpoint=hub.url)
    assert get_hf_file_metadata(open_url).size == int(2.5 * GB)
    gated_url = hf_hub_url(LLAMA_GATED, "Llama-3.2-1B-Instruct-Q4_K_M.gguf", endpoint=hub.url)
    with pytest.raises(GatedRepoError):
        get_hf_file_metadata(gated_url)


def test_unknown_repos_and_revisions_raise_the_clients_errors(hub):
    api = HfApi(endpoint=hub.url)
    with pytest.raises(RepositoryNotFoundError):
        api.model_info("nobody/nothing-GGUF")
    with pytest.raises(RevisionNotFoundError):
        api.model_info(QWEN, revision="no-such-branch")
