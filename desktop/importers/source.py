"""Opening an export (a .zip or a .json), telling which app wrote it, reading its
conversations one at a time."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path, PurePosixPath
from typing import IO, Any

from desktop.core.conversation_export import FORMAT, ImportProblem, from_json
from desktop.core.text import QT_TRANSLATE_NOOP, Text
from desktop.importers import (
    chatbox,
    chatgpt,
    cherry_studio,
    claude,
    deepseek,
    json_stream,
    open_webui,
)
from desktop.importers.files import ExportFiles
from desktop.importers.model import ReadConversation, SourceApp

_ZIP_MAGIC = b"PK"
_DAMAGED = (zipfile.BadZipFile, EOFError, zlib.error)


def _problem(template: str, **params: str | int) -> ImportProblem:
    return ImportProblem(Text(template, dict(params)))


def _damaged_zip(error: BaseException) -> ImportProblem:
    problem = _problem(
        QT_TRANSLATE_NOOP(
            "core", "The zip file is damaged or incomplete (was the download cut short?)."
        )
    )
    problem.__cause__ = error
    return problem


def detect(item: object) -> SourceApp | None:
    """Which app wrote an export whose first conversation is ``item``."""
    if isinstance(item, dict) and item.get("format") == FORMAT:
        return SourceApp.PARLEY
    if chatbox.looks_like(item):
        return SourceApp.CHATBOX
    if cherry_studio.looks_like(item):
        return SourceApp.CHERRY_STUDIO
    if deepseek.looks_like(item):
        return SourceApp.DEEPSEEK
    if chatgpt.looks_like(item):
        return SourceApp.CHATGPT
    if claude.looks_like(item):
        return SourceApp.CLAUDE
    if open_webui.looks_like(item):
        return SourceApp.OPEN_WEBUI
    return None


class _Counted:
    """A file that tells how far it has been read (for the progress bar)."""

    def __init__(self, raw: IO[bytes], size: int, progress: Callable[[float], None]) -> None:
        self._raw = raw
        self._size = max(size, 1)
        self._read = 0
        self._progress = progress

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self._read += len(data)
        self._progress(min(self._read / self._size, 1.0))
        return data


class ExportFile:
    """An export on disk. Raises ImportProblem when it cannot be read as one."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with path.open("rb") as handle:
                self.is_zip = handle.read(2) == _ZIP_MAGIC
            self.size = path.stat().st_size
        except OSError as error:
            raise _problem(
                QT_TRANSLATE_NOOP("core", "The file cannot be read: {error}"),
                error=error.strerror or str(error),
            ) from error
        self.files = ExportFiles(None, decode=False)
        self.app = self._detect()

    def _member(self, archive: zipfile.ZipFile) -> zipfile.ZipInfo:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        named = [i for i in infos if PurePosixPath(i.filename).name == "conversations.json"]
        if named:
            return min(named, key=lambda info: len(info.filename))
        top = {info.filename: info for info in infos if "/" not in info.filename}
        if "data.json" in top:  # Cherry Studio (backup versions up to 5)
            return top["data.json"]
        if "metadata.json" in top:  # Cherry Studio's newer "direct" backups
            _direct_backup(archive.read(top["metadata.json"]))
        jsons = [i for i in infos if i.filename.lower().endswith(".json")]
        if len(jsons) == 1:
            return jsons[0]
        raise _problem(
            QT_TRANSLATE_NOOP("core", "The zip file holds no conversations.json."),
        )

    def _items(self, stack: ExitStack, progress: Callable[[float], None]) -> Iterator[Any]:
        """The file's top-level items; ``stack`` closes what was opened."""
        files = ExportFiles(None, decode=False)
        if self.is_zip:
            try:
                archive = stack.enter_context(zipfile.ZipFile(self.path))
                member = self._member(archive)
                raw: IO[bytes] = stack.enter_context(archive.open(member))
            except _DAMAGED as error:
                raise _damaged_zip(error) from error
            size = member.file_size
            files = ExportFiles(archive, decode=False)
        else:
            raw = stack.enter_context(self.path.open("rb"))
            size = self.size
        self.files = files
        return json_stream.items(_Counted(raw, size, progress))

    def _detect(self) -> SourceApp:
        with ExitStack() as stack:
            try:
                first = next(iter(self._items(stack, lambda _: None)), None)
            except _DAMAGED as error:
                raise _damaged_zip(error) from error
            if first is None:
                raise _problem(QT_TRANSLATE_NOOP("core", "The file holds no conversations."))
            app = detect(first)
            if app is SourceApp.CHERRY_STUDIO:
                found = cherry_studio.version(first)
                if found is None or found > cherry_studio.NEWEST_JSON_VERSION:
                    raise _newer("Cherry Studio", found, cherry_studio.NEWEST_JSON_VERSION)
                if not cherry_studio.Backup(first, self.files).topics:
                    raise _problem(
                        QT_TRANSLATE_NOOP(
                            "core", "This Cherry Studio backup holds no conversations (topics)."
                        )
                    )
            if app is SourceApp.CHATBOX and next(chatbox.sessions(first), None) is None:
                found = chatbox.version(first)
                if found is not None and found > chatbox.KNOWN_CONFIG_VERSION:
                    raise _newer("Chatbox", found, chatbox.KNOWN_CONFIG_VERSION)
                raise _problem(
                    QT_TRANSLATE_NOOP(
                        "core",
                        "This Chatbox backup holds no conversations (was “Chat History”"
                        " ticked when it was exported?).",
                    )
                )
            if app is None:
                raise _problem(
                    QT_TRANSLATE_NOOP(
                        "core",
                        "Parley does not know this file: it is not an export of ChatGPT,"
                        " Claude, DeepSeek, Open WebUI, Chatbox, Cherry Studio or Parley"
                        " (or one from a newer version of the app, with another shape).",
                    )
                )
            return app

    def conversations(
        self, *, decode: bool, progress: Callable[[float], None] = lambda _: None
    ) -> Iterator[ReadConversation]:
        """Each conversation, read; ``decode``: also decode its pictures (not for a preview).
        Raises ImportProblem when the file itself is damaged."""
        with ExitStack() as stack:
            items = self._items(stack, progress)
            self.files.decode = decode
            number = 0
            while True:
                try:
                    item = next(items, None)
                except _DAMAGED as error:
                    raise _damaged_zip(error) from error
                if item is None:
                    return
                if self.app is SourceApp.CHATBOX and isinstance(item, dict):
                    for session in chatbox.sessions(item):
                        yield from chatbox.read(session, item, decode)
                    continue
                if self.app is SourceApp.CHERRY_STUDIO and isinstance(item, dict):
                    yield from cherry_studio.Backup(item, self.files).conversations(decode)
                    continue
                number += 1
                yield self._read(item, number, decode)

    def _read(self, item: Any, number: int, decode: bool) -> ReadConversation:
        name = f"#{number}"
        if isinstance(item, dict):
            name = str(item.get("title") or item.get("name") or name)
        found = detect(item)
        if not isinstance(item, dict) or (found is not None and found is not self.app):
            return ReadConversation(name, None, problem=_unlike(number))
        try:
            match self.app:
                case SourceApp.CHATGPT:
                    return chatgpt.read(item, self.files)
                case SourceApp.CLAUDE:
                    return claude.read(item)
                case SourceApp.DEEPSEEK:
                    return deepseek.read(item)
                case SourceApp.OPEN_WEBUI:
                    return open_webui.read(item, decode)
                case SourceApp.PARLEY:
                    return _parley(item, name)
                case _:  # a backup of a whole app: read in conversations()
                    return ReadConversation(name, None, problem=_unlike(number))
        except ImportProblem as problem:
            return ReadConversation(name, None, problem=problem.text)
        except (TypeError, ValueError, AttributeError, KeyError) as error:
            return ReadConversation(
                name,
                None,
                problem=Text(
                    QT_TRANSLATE_NOOP("core", "Conversation {number} cannot be read ({error})."),
                    {"number": number, "error": Text.plain(f"{type(error).__name__}: {error}")},
                ),
            )


def _newer(app: str, version: int | None, known: int) -> ImportProblem:
    return _problem(
        QT_TRANSLATE_NOOP(
            "core",
            "This {app} backup has format version {version}, newer than the versions"
            " Parley reads (up to {known}). Make the backup again with the app's JSON"
            " export, or update Parley.",
        ),
        app=app,
        version="?" if version is None else version,
        known=known,
    )


def _direct_backup(metadata: bytes) -> None:
    """A zip of an app's folders, not of an export: say which app and version it is."""
    try:
        found = json.loads(metadata)
    except ValueError:
        return
    if isinstance(found, dict) and "Cherry" in str(found.get("appName", "")):
        version = found.get("version")
        raise _newer(
            "Cherry Studio",
            version if isinstance(version, int) else None,
            cherry_studio.NEWEST_JSON_VERSION,
        )


def _unlike(number: int) -> Text:
    return Text(
        QT_TRANSLATE_NOOP(
            "core", "Conversation {number} does not have the shape of the others in the file."
        ),
        {"number": number},
    )


def _parley(item: dict[str, Any], name: str) -> ReadConversation:
    text = json.dumps(item, ensure_ascii=False)
    conversation = from_json(text)
    digest = hashlib.sha256(json.dumps(item, sort_keys=True).encode()).hexdigest()[:40]
    conversation = dataclasses.replace(conversation, source_id=f"parley:{digest}")
    images = sum(len(message.images) for message in conversation.messages)
    return ReadConversation(conversation.title or name, conversation, images=images)
