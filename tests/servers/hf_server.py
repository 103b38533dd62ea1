"""A loopback Hugging Face Hub API: model search, model info with file sizes, repo trees,
file metadata, gated repositories and the Hub's error codes.

What the official ``huggingface_hub`` client sends and reads (hf_api.py, file_download.py,
utils/_http.py in 1.33/2.x):

- ``GET /api/models?search=&author=&filter=gguf&sort=downloads&direction=-1&limit=&expand=…``
  (``expand`` repeated; or ``full=True`` / ``cardData=True``); a ``Link: <…>; rel="next"``
  header pages on. With ``expand`` only ``_id``, ``id`` and the fields asked for come back.
- ``GET /api/models/{repo}`` and ``/api/models/{repo}/revision/{rev}``; ``blobs=True``
  (``files_metadata=True``) adds ``size``, ``blobId`` and ``lfs`` to each sibling.
- ``GET /api/models/{repo}/tree/{rev}[/{path}]`` (``list_repo_tree``).
- ``HEAD /{repo}/resolve/{rev}/{file}`` (``get_hf_file_metadata``): ``X-Repo-Commit``,
  ``X-Linked-Etag``, ``X-Linked-Size``.

Errors carry ``X-Error-Code`` as the Hub's do, which the client turns into its exception
classes: an unknown repo answers 401 ``RepoNotFound`` (the Hub does not tell an anonymous
caller whether a private repo exists), an unknown revision 404 ``RevisionNotFound``, a file
of a gated repo 401 ``GatedRepo`` (its metadata and file list stay public, as on the Hub).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from tests.servers.go_json import go_json
from tests.servers.loopback_http import Exchange, LoopbackServer

PAGE_LIMIT = 1000  # the Hub's largest page of /api/models
DEFAULT_FIELDS = (
    "likes",
    "trendingScore",
    "private",
    "downloads",
    "tags",
    "pipeline_tag",
    "library_name",
    "createdAt",
)
SORT_KEYS = {"downloads", "likes", "lastModified", "createdAt", "trendingScore"}


@dataclass
class HubRepo:
    """One model repository; ``files`` maps a path to its size in bytes."""

    id: str
    files: dict[str, int]
    downloads: int = 0
    likes: int = 0
    last_modified: datetime = field(default_factory=lambda: datetime(2025, 5, 1, tzinfo=UTC))
    created_at: datetime = field(default_factory=lambda: datetime(2025, 4, 1, tzinfo=UTC))
    gated: bool | str = False  # False, "auto" or "manual"
    license: str | None = "apache-2.0"
    tags: tuple[str, ...] = ("gguf",)
    pipeline_tag: str | None = "text-generation"
    trending_score: int = 0

    @property
    def author(self) -> str:
        return self.id.split("/", 1)[0]

    @property
    def sha(self) -> str:
        return hashlib.sha1(self.id.encode()).hexdigest()

    def all_tags(self) -> list[str]:
        tags = list(self.tags)
        if self.license and f"license:{self.license}" not in tags:
            tags.append(f"license:{self.license}")
        return tags

    def field_value(self, name: str) -> Any:
        values: dict[str, Any] = {
            "author": self.author,
            "downloads": self.downloads,
            "likes": self.likes,
            "lastModified": _stamp(self.last_modified),
            "createdAt": _stamp(self.created_at),
            "gated": self.gated,
            "private": False,
            "disabled": False,
            "tags": self.all_tags(),
            "pipeline_tag": self.pipeline_tag,
            "library_name": "gguf" if "gguf" in self.tags else None,
            "trendingScore": self.trending_score,
            "sha": self.sha,
            "cardData": {"license": self.license} if self.license else {},
            "siblings": [{"rfilename": path} for path in self.files],
        }
        return values.get(name)

    def blob_id(self, path: str) -> str:
        return hashlib.sha1(f"{self.id}/{path}".encode()).hexdigest()

    def lfs(self, path: str) -> dict[str, Any]:
        digest = hashlib.sha256(f"{self.id}/{path}".encode()).hexdigest()
        return {"sha256": digest, "size": self.files[path], "pointerSize": 135}


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


class HubServer(LoopbackServer):
    default_fault_path = "/api/models"

    def __init__(self) -> None:
        super().__init__()
        self.repos: dict[str, HubRepo] = {}
        self.searches: list[dict[str, list[str]]] = []
        """The query of every search received, in order."""
        self.search_delays: list[float] = []
        """Seconds to hold each next search before answering (a slow network)."""
        self.routes["/api/models"] = {"GET": self._search}

    def add(self, repo: HubRepo) -> HubRepo:
        self.repos[repo.id] = repo
        return repo

    # -- /api/models ----------------------------------------------------------------------

    def _search(self, exchange: Exchange) -> None:
        query = parse_qs(urlsplit(exchange.handler.path).query)
        self.searches.append(query)
        if self.search_delays and not exchange.pause(self.search_delays.pop(0)):
            return
        repos = list(self.repos.values())
        if search := _one(query, "search"):
            needle = search.lower()
            repos = [repo for repo in repos if needle in repo.id.lower()]
        if author := _one(query, "author"):
            repos = [repo for repo in repos if repo.author == author]
        for wanted in query.get("filter", []):
            repos = [repo for repo in repos if wanted in repo.all_tags()]
        sort = _one(query, "sort")
        if sort:
            if sort not in SORT_KEYS:
                exchange.send_error(HTTPStatus.BAD_REQUEST, f'Invalid sort parameter: "{sort}"')
                return
            descending = _one(query, "direction") != "1"
            repos.sort(key=lambda repo: repo.field_value(sort), reverse=descending)
        limit = min(int(_one(query, "limit") or PAGE_LIMIT), PAGE_LIMIT)
        start = int(_one(query, "cursor") or 0)
        page = repos[start : start + limit]
        expand = query.get("expand", [])
        full = _one(query, "full") in ("True", "true", "1")
        items = [
            self._listed(repo, expand, full, _one(query, "cardData") is not None) for repo in page
        ]
        headers: tuple[tuple[str, str], ...] = ()
        if start + limit < len(repos):
            following = {key: values for key, values in query.items() if key != "cursor"}
            following["cursor"] = [str(start + limit)]
            link = f"{self.url}/api/models?{urlencode(following, doseq=True)}"
            headers = (("Link", f'<{link}>; rel="next"'),)
        exchange.send_bytes(HTTPStatus.OK, go_json(items), "application/json", headers)

    def _listed(self, repo: HubRepo, expand: list[str], full: bool, card: bool) -> dict[str, Any]:
        item: dict[str, Any] = {"_id": repo.sha[:24], "id": repo.id}
        names = list(expand) if expand else ["modelId", *DEFAULT_FIELDS]
        if full:
            names += ["author", "gated", "lastModified", "disabled", "sha", "siblings"]
        if card:
            names.append("cardData")
        for name in names:
            item[name] = repo.id if name == "modelId" else repo.field_value(name)
        return item

    # -- /api/models/{repo}…, /{repo}/resolve/… ---------------------------------------------

    def route_missing(self, exchange: Exchange) -> None:
        path = unquote(exchange.path)
        if path.startswith("/api/models/"):
            self._model_route(exchange, path.removeprefix("/api/models/"))
        elif "/resolve/" in path:
            self._resolve(exchange, path)
        else:
            super().route_missing(exchange)

    def _model_route(self, exchange: Exchange, rest: str) -> None:
        parts = rest.split("/")
        repo = self._repo(exchange, "/".join(parts[:2]))
        if repo is None:
            return
        tail = parts[2:]
        if tail[:1] == ["tree"] and len(tail) >= 2:
            if self._revision_ok(exchange, tail[1]):
                self._tree(exchange, repo, "/".join(tail[2:]))
        elif not tail or (tail[0] == "revision" and len(tail) == 2):
            if not tail or self._revision_ok(exchange, tail[1]):
                query = parse_qs(urlsplit(exchange.handler.path).query)
                self._info(exchange, repo, _one(query, "blobs") in ("True", "true", "1"))
        else:
            exchange.send_error(HTTPStatus.NOT_FOUND, "Not Found")

    def _repo(self, exchange: Exchange, repo_id: str) -> HubRepo | None:
        repo = self.repos.get(repo_id)
        if repo is None:
            self._coded(exchange, HTTPStatus.UNAUTHORIZED, "RepoNotFound", "Repository not found")
        return repo

    def _revision_ok(self, exchange: Exchange, revision: str) -> bool:
        if revision == "main" or len(revision) == 40:
            return True
        self._coded(
            exchange, HTTPStatus.NOT_FOUND, "RevisionNotFound", f"Invalid rev id: {revision}"
        )
        return False

    def _info(self, exchange: Exchange, repo: HubRepo, blobs: bool) -> None:
        info: dict[str, Any] = {"_id": repo.sha[:24], "id": repo.id, "modelId": repo.id}
        for name in (
            "author",
            "sha",
            "lastModified",
            "private",
            "disabled",
            "gated",
            "downloads",
            "likes",
            "tags",
            "pipeline_tag",
            "library_name",
            "createdAt",
            "cardData",
        ):
            info[name] = repo.field_value(name)
        siblings = []
        for path, size in repo.files.items():
            sibling: dict[str, Any] = {"rfilename": path}
            if blobs:
                sibling.update(blobId=repo.blob_id(path), size=size)
                if path.endswith(".gguf"):
                    sibling["lfs"] = repo.lfs(path)
            siblings.append(sibling)
        info["siblings"] = siblings
        info["usedStorage"] = sum(repo.files.values())
        exchange.send_json(HTTPStatus.OK, info)

    def _tree(self, exchange: Exchange, repo: HubRepo, folder: str) -> None:
        prefix = f"{folder.strip('/')}/" if folder.strip("/") else ""
        entries: list[dict[str, Any]] = []
        folders: set[str] = set()
        for path, size in repo.files.items():
            if not path.startswith(prefix):
                continue
            rest = path[len(prefix) :]
            if "/" in rest:
                folders.add(prefix + rest.split("/", 1)[0])
                continue
            entry: dict[str, Any] = {
                "type": "file",
                "oid": repo.blob_id(path),
                "size": size,
                "path": path,
            }
            if path.endswith(".gguf"):
                entry["lfs"] = {"oid": repo.lfs(path)["sha256"], "size": size, "pointerSize": 135}
            entries.append(entry)
        if prefix and not entries and not folders:
            self._coded(
                exchange,
                HTTPStatus.NOT_FOUND,
                "EntryNotFound",
                f'{folder} does not exist on "main"',
            )
            return
        listed = [
            {
                "type": "directory",
                "oid": hashlib.sha1(name.encode()).hexdigest(),
                "size": 0,
                "path": name,
            }
            for name in sorted(folders)
        ]
        exchange.send_json(HTTPStatus.OK, listed + entries)

    def _resolve(self, exchange: Exchange, path: str) -> None:
        repo_part, _, rest = path.lstrip("/").partition("/resolve/")
        repo = self._repo(exchange, repo_part)
        if repo is None:
            return
        revision, _, filename = rest.partition("/")
        if not self._revision_ok(exchange, revision):
            return
        if repo.gated:
            self._coded(
                exchange,
                HTTPStatus.UNAUTHORIZED,
                "GatedRepo",
                f"Access to model {repo.id} is restricted. You must have access to it and be "
                "authenticated to access it. Please log in.",
            )
            return
        if filename not in repo.files:
            self._coded(exchange, HTTPStatus.NOT_FOUND, "EntryNotFound", "Entry not found")
            return
        etag = (
            repo.lfs(filename)["sha256"] if filename.endswith(".gguf") else repo.blob_id(filename)
        )
        headers = (
            ("X-Repo-Commit", repo.sha),
            ("X-Linked-Etag", f'"{etag}"'),
            ("ETag", f'"{etag}"'),
            ("X-Linked-Size", str(repo.files[filename])),
        )
        exchange.send_bytes(HTTPStatus.OK, b"", "application/octet-stream", headers)

    @staticmethod
    def _coded(exchange: Exchange, status: int, code: str, message: str) -> None:
        exchange.send_bytes(
            status,
            go_json({"error": message}),
            "application/json",
            (("X-Error-Code", code), ("X-Error-Message", message)),
        )


def _one(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None


def gguf_repo(repo_id: str, quants: dict[str, int | list[int]], **fields: Any) -> HubRepo:
    """A GGUF repo with one file per quantization, named as bartowski/unsloth name them;
    a list of sizes makes split files in a folder, ``Q8_0/…-Q8_0-00001-of-00002.gguf``."""
    stem = repo_id.split("/", 1)[1].removesuffix("-GGUF")
    files: dict[str, int] = {"README.md": 5120, ".gitattributes": 1570}
    for quant, size in quants.items():
        if isinstance(size, list):
            for index, part in enumerate(size, 1):
                files[f"{quant}/{stem}-{quant}-{index:05d}-of-{len(size):05d}.gguf"] = part
        else:
            files[f"{stem}-{quant}.gguf"] = size
    return HubRepo(repo_id, files, **fields)


GB = 1_000_000_000
QWEN = "unsloth/Qwen3-4B-Instruct-2507-GGUF"
LLAMA_GATED = "meta-llama/Llama-3.2-1B-Instruct-GGUF"


def sample_hub(extra: int = 0) -> HubServer:
    """A started server with a few realistic GGUF repos, one gated, and ``extra`` more
    small ones named ``tester/model-N-GGUF`` (for long result lists)."""
    hub = HubServer()
    hub.add(
        gguf_repo(
            QWEN,
            {
                "Q2_K": int(1.67 * GB),
                "IQ2_XS": int(1.42 * GB),
                "Q4_K_M": int(2.50 * GB),
                "Q8_0": int(4.28 * GB),
                "BF16": [4 * GB, int(4.05 * GB)],
            },
            downloads=182_345,
            likes=512,
            last_modified=datetime(2025, 8, 6, 12, 30, tzinfo=UTC),
            trending_score=40,
        )
    )
    hub.add(
        gguf_repo(
            "bartowski/Qwen3-4B-GGUF",
            {"Q4_K_M": int(2.49 * GB), "Q6_K": int(3.31 * GB), "F16": int(8.05 * GB)},
            downloads=91_002,
            likes=77,
            license="mit",
        )
    )
    hub.add(
        gguf_repo(
            LLAMA_GATED,
            {"Q4_K_M": int(0.81 * GB), "Q8_0": int(1.32 * GB)},
            downloads=54_120,
            likes=230,
            gated="manual",
            license="llama3.2",
        )
    )
    hub.add(
        HubRepo(
            "Qwen/Qwen3-4B",
            {"model.safetensors": 8 * GB},
            downloads=900_000,
            tags=("transformers", "safetensors"),
        )
    )
    for index in range(extra):
        hub.add(
            gguf_repo(
                f"tester/model-{index}-GGUF",
                {"Q4_K_M": (index + 1) * 100_000_000},
                downloads=1000 + index,
                likes=index,
            )
        )
    return hub.start()  # type: ignore[return-value]
