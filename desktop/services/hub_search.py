"""Search Hugging Face for GGUF repositories and read one repo's files, through the official
``huggingface_hub`` client, off the UI thread.

The endpoint is a constructor argument (default https://huggingface.co; the tests give a
loopback server), never the ``HF_ENDPOINT`` environment variable, and requests go out
anonymously (``token=False``): Parley has no Hugging Face login, and Ollama pulls gated
repos with its own key.

A search is one ``GET /api/models`` page made with the client's session, headers, error
mapping (``hf_raise_for_status``) and ``ModelInfo``, not ``HfApi.list_models``: that one
retries a refused connection, a 429 or a 5xx five times with sleeps of 1–8 s inside a
thread nobody can cancel, so "cannot be reached" would show after ~23 s instead of at once,
and the person has usually typed on by then. ``model_info`` makes a single request and is
used as it is.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desktop.core.errors import (
    AuthFailed,
    ConnectionFailed,
    ModelNotFound,
    ProviderError,
    ProviderTimeout,
    RateLimited,
    ServerError,
)
from desktop.core.hub_files import QuantFile, group_by_quant

if TYPE_CHECKING:
    from huggingface_hub import HfApi, ModelInfo

DEFAULT_ENDPOINT = "https://huggingface.co"
SEARCH_FIELDS = ("downloads", "likes", "lastModified", "gated", "cardData", "tags")
SEARCH_LIMIT = 50
SORTS = ("downloads", "likes", "lastModified", "trendingScore")
"""The Hub's sort keys Discover offers: most downloaded, most liked, recently updated,
trending."""


class GatedRepo(AuthFailed):
    """The repo's files are behind a licence the person must accept on huggingface.co."""


@dataclass(frozen=True, slots=True)
class HubModel:
    """One search result."""

    repo_id: str
    downloads: int
    likes: int
    updated: datetime | None
    license: str | None
    gated: bool


@dataclass(frozen=True, slots=True)
class HubRepoFiles:
    """One repo opened: its GGUF quantizations with sizes."""

    model: HubModel
    quants: tuple[QuantFile, ...]
    page_url: str = ""
    """The repo's page on the Hub (where a gated repo's licence is accepted)."""


def _license(info: ModelInfo) -> str | None:
    card = info.card_data
    value = card.get("license") if card is not None else None
    if isinstance(value, str) and value:
        return value
    for tag in info.tags or ():
        if tag.startswith("license:"):
            return tag.removeprefix("license:")
    return None


def hub_model(info: ModelInfo) -> HubModel:
    return HubModel(
        repo_id=info.id,
        downloads=info.downloads or 0,
        likes=info.likes or 0,
        updated=info.last_modified,
        license=_license(info),
        gated=bool(info.gated),
    )


def _classified(error: Exception) -> ProviderError:
    """The client's exception as one of Parley's, with the Hub's words as the detail."""
    from huggingface_hub.errors import GatedRepoError, HfHubHTTPError, RepositoryNotFoundError

    detail = str(error).strip()
    if isinstance(error, GatedRepoError):
        return GatedRepo("gated repository", detail=detail, status=401)
    if isinstance(error, RepositoryNotFoundError):
        return ModelNotFound("repository not found", detail=detail, status=404)
    if isinstance(error, HfHubHTTPError):
        status = error.response.status_code if error.response is not None else None
        if status == 429:
            retry = error.response.headers.get("Retry-After") if error.response else None
            seconds = float(retry) if retry and retry.isdigit() else None
            return RateLimited("rate limited", detail=detail, retry_after=seconds)
        if status is not None and status >= 500:
            return ServerError("server error", detail=detail, status=status)
        return ProviderError("request refused", detail=detail, status=status)
    names = {cls.__name__ for cls in type(error).__mro__}
    if "TimeoutException" in names:
        return ProviderTimeout("no answer in time", detail=detail)
    if names & {"TransportError", "NetworkError", "ConnectError", "OSError"}:
        return ConnectionFailed("cannot be reached", detail=detail)
    return ProviderError("unexpected answer", detail=detail)


class HubSearch:
    """Search and open repos; each call runs the blocking client in a worker thread.

    Cancelling the awaiting task drops the answer (the thread finishes its one request)."""

    def __init__(
        self, endpoint: str = DEFAULT_ENDPOINT, *, timeout: float = 10.0, limit: int = SEARCH_LIMIT
    ) -> None:
        self.endpoint = endpoint.rstrip("/")
        self.timeout = timeout
        self.limit = limit
        self._api: HfApi | None = None

    def _client(self) -> HfApi:
        """The client, made (and huggingface_hub imported, ~0.4 s) on first use, in the
        worker thread: never while the window starts."""
        if self._api is None:
            from huggingface_hub import HfApi

            self._api = HfApi(endpoint=self.endpoint, token=False, library_name="parley")
        return self._api

    async def search(self, text: str, sort: str = "downloads") -> list[HubModel]:
        """GGUF repos whose name holds ``text``, in the Hub's ``sort`` order (SORTS),
        highest first."""
        return await asyncio.to_thread(self.search_now, text, sort)

    async def open_repo(self, repo_id: str) -> HubRepoFiles:
        return await asyncio.to_thread(self.open_repo_now, repo_id)

    def search_now(self, text: str, sort: str = "downloads") -> list[HubModel]:
        """The blocking search (the benchmark and worker threads call it)."""
        params: list[tuple[str, Any]] = [("filter", "gguf"), ("sort", sort)]
        params.append(("direction", "-1"))
        if text.strip():
            params.append(("search", text.strip()))
        params.append(("limit", self.limit))
        params.extend(("expand", field) for field in SEARCH_FIELDS)
        from huggingface_hub import ModelInfo, get_session, hf_raise_for_status
        from huggingface_hub.utils._headers import build_hf_headers

        try:
            response = get_session().get(
                f"{self.endpoint}/api/models",
                params=params,
                headers=build_hf_headers(token=False, library_name="parley"),
                timeout=self.timeout,
            )
            hf_raise_for_status(response)
            items = response.json()
        except Exception as error:
            raise _classified(error) from error
        if not isinstance(items, list):
            raise ProviderError("unexpected answer", detail=str(items)[:200])
        return [hub_model(ModelInfo(**{"siblings": None, **item})) for item in items]  # type: ignore[no-untyped-call]

    def open_repo_now(self, repo_id: str) -> HubRepoFiles:
        try:
            info = self._client().model_info(repo_id, files_metadata=True, timeout=self.timeout)
        except Exception as error:
            raise _classified(error) from error
        files = [(sibling.rfilename, sibling.size) for sibling in info.siblings or ()]
        return HubRepoFiles(
            hub_model(info), tuple(group_by_quant(files)), f"{self.endpoint}/{info.id}"
        )
