"""A conversation as a file: Markdown to read or share, JSON to keep and import again.

The JSON keeps the whole tree (alternatives and edited branches), each message's state,
thinking and statistics, and the conversation's settings, so an import restores exactly
what was exported. Reading a file checks every field and says what is wrong.

Attached images: the JSON holds each image once (``images``: sha256, media type, size
and base64 data) and messages list the digests they attach; an import decodes and
checks every image. Markdown links to image files that the exporter writes into a
folder next to the .md file (``<name>_images/``, see :func:`image_file_name`), so the
text stays readable and the pictures open in any viewer.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.core.attachment import ImageAttachment
from desktop.core.chat_parameters import ChatParameters
from desktop.core.conversation import Conversation, StoredMessage
from desktop.core.errors import ParleyError
from desktop.core.events import ChatStats
from desktop.core.image_preparation import ImageProblem, stored_image
from desktop.core.messages import MessageState, Role
from desktop.core.text import QT_TRANSLATE_NOOP, Param, Text
from desktop.core.text import text as say
from desktop.core.tool_steps import ToolRound
from desktop.core.tool_steps_json import rounds_from_json, rounds_markdown, rounds_to_json

FORMAT = "parley.conversation"
_THE_CONVERSATION = Text(QT_TRANSLATE_NOOP("core", "The conversation"))
VERSION = 2
_STATS_FIELDS = frozenset(field.name for field in dataclasses.fields(ChatStats))


class ImportProblem(ParleyError, ValueError):
    """The file cannot be imported; the message says why, for the person."""


@dataclass(frozen=True, slots=True)
class ExportedMessage:
    key: int
    """The message's id in the exporting history; only links parents to children."""
    parent_key: int | None
    role: Role
    content: str
    state: MessageState
    model: str
    created_at: datetime
    thinking: str = ""
    stats: ChatStats | None = None
    error: str = ""
    on_path: bool = False
    """True for the messages that were visible when the file was written."""
    images: tuple[str, ...] = ()
    """Digests of the attached images (found in ExportedConversation.images)."""
    tool_rounds: tuple[ToolRound, ...] = ()


@dataclass(frozen=True, slots=True)
class ExportedConversation:
    title: str
    model: str
    provider: str
    system_prompt: str
    parameters: ChatParameters
    created_at: datetime
    updated_at: datetime
    messages: tuple[ExportedMessage, ...]
    images: tuple[ImageAttachment, ...] = ()
    source_id: str = ""
    """Where an imported conversation came from ("chatgpt:<id>"): importing it again
    finds it already present. Empty: no such identity (it is always added)."""


def exported(
    conversation: Conversation,
    messages: Sequence[StoredMessage],
    path_ids: Sequence[int],
    images: Sequence[ImageAttachment] = (),
) -> ExportedConversation:
    """``images``: the attached images the messages refer to, each once."""
    on_path = set(path_ids)
    return ExportedConversation(
        title=conversation.title,
        model=conversation.model,
        provider=conversation.provider,
        system_prompt=conversation.system_prompt,
        parameters=conversation.parameters,
        created_at=conversation.created_at,
        updated_at=conversation.updated_at,
        messages=tuple(
            ExportedMessage(
                key=message.id,
                parent_key=message.parent_id,
                role=message.role,
                content=message.content,
                # an answer cut off mid-stream is saved as what it now is: interrupted
                state=MessageState.INTERRUPTED
                if message.state is MessageState.STREAMING
                else message.state,
                model=message.model,
                created_at=message.created_at,
                thinking=message.thinking,
                stats=message.stats,
                error=message.error,
                on_path=message.id in on_path,
                images=message.images,
                tool_rounds=message.tool_rounds,
            )
            for message in messages
        ),
        images=tuple(images),
    )


def to_json(conversation: ExportedConversation) -> str:
    def message(item: ExportedMessage) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": item.key,
            "parent_id": item.parent_key,
            "role": item.role.value,
            "content": item.content,
            "state": item.state.value,
            "model": item.model,
            "created_at": item.created_at.isoformat(),
            "on_path": item.on_path,
        }
        if item.thinking:
            data["thinking"] = item.thinking
        if item.stats is not None:
            data["stats"] = dataclasses.asdict(item.stats)
        if item.error:
            data["error"] = item.error
        if item.images:
            data["images"] = list(item.images)
        if item.tool_rounds:
            data["tool_rounds"] = rounds_to_json(item.tool_rounds)
        return data

    def image(item: ImageAttachment) -> dict[str, Any]:
        return {
            "sha256": item.digest,
            "media_type": item.media_type,
            "width": item.width,
            "height": item.height,
            "data": base64.b64encode(item.data).decode("ascii"),
        }

    document = {
        "format": FORMAT,
        "version": VERSION,
        "title": conversation.title,
        "model": conversation.model,
        "provider": conversation.provider,
        "system_prompt": conversation.system_prompt,
        "parameters": json.loads(conversation.parameters.to_json()),
        "created_at": conversation.created_at.isoformat(),
        "updated_at": conversation.updated_at.isoformat(),
        "messages": [message(item) for item in conversation.messages],
    }
    if conversation.images:
        document["images"] = [image(item) for item in conversation.images]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def image_file_name(image: ImageAttachment) -> str:
    """The name of an image's file next to an exported Markdown file."""
    return f"{image.digest[:16]}.{image.extension}"


def write_image_files(markdown: Path, images: Sequence[ImageAttachment]) -> dict[str, str]:
    """Writes ``images`` into ``<name>_images/`` next to the Markdown file ``markdown``;
    returns each digest's link relative to it. Raises OSError when a file cannot be written.
    """
    if not images:
        return {}
    folder = markdown.with_name(f"{markdown.stem}_images")
    folder.mkdir(exist_ok=True)
    links: dict[str, str] = {}
    for image in images:
        name = image_file_name(image)
        (folder / name).write_bytes(image.data)
        links[image.digest] = f"{folder.name}/{name}"
    return links


def to_markdown(
    conversation: Conversation,
    path: Sequence[StoredMessage],
    image_links: Mapping[str, str] | None = None,
) -> str:
    """The visible conversation as Markdown: a title, then each message under its author.

    ``image_links`` maps image digests to where their files are (relative paths).
    """
    links = image_links or {}
    lines = [f"# {conversation.title or 'Conversation'}", ""]
    if conversation.model:
        lines += [f"*Model: {conversation.model}*", ""]
    if conversation.system_prompt:
        lines += ["## System", "", conversation.system_prompt, ""]
    for message in path:
        author = "You" if message.role is Role.USER else (message.model or "Assistant")
        lines += [f"## {author}", ""]
        if message.thinking:
            quoted = "\n".join(f"> {line}" for line in message.thinking.splitlines())
            lines += ["<details><summary>Thinking</summary>", "", quoted, "", "</details>", ""]
        lines += rounds_markdown(message.tool_rounds)
        lines += [message.content, ""]
        for number, digest in enumerate(message.images, start=1):
            link = links.get(digest)
            lines += [f"![Image {number}](<{link}>)" if link else f"*(image {number} missing)*"]
            lines += [""]
        if message.state is MessageState.STOPPED:
            lines += ["*(stopped)*", ""]
        elif message.state is MessageState.FAILED:
            lines += [f"*(failed: {message.error})*", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _problem(template: str, **params: Param) -> ImportProblem:
    return ImportProblem(Text(template, params))


def _message_number(number: int) -> Text:
    return say(QT_TRANSLATE_NOOP("core", "Message {number}"), number=number)


def _field(data: dict[str, Any], name: str, kind: type, where: Text) -> Any:
    value = data.get(name)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _problem(
            QT_TRANSLATE_NOOP("core", "{where}: “{name}” is missing or not a {kind}."),
            where=where,
            name=name,
            kind=kind.__name__,
        )
    return value


def _moment(data: dict[str, Any], name: str, where: Text) -> datetime:
    text = _field(data, name, str, where)
    try:
        return datetime.fromisoformat(text)
    except ValueError as error:
        raise _problem(
            QT_TRANSLATE_NOOP("core", "{where}: “{name}” is not a date ({text})."),
            where=where,
            name=name,
            text=Text.plain(repr(text)),
        ) from error


def _stats(value: Any) -> ChatStats | None:
    if not isinstance(value, dict):
        return None
    return ChatStats(**{key: item for key, item in value.items() if key in _STATS_FIELDS})


def from_json(text: str) -> ExportedConversation:
    """Parse an exported file; raises :class:`ImportProblem` with a reason a person can act on."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise _problem(
            QT_TRANSLATE_NOOP("core", "The file is not valid JSON (line {line}, column {column})."),
            line=error.lineno,
            column=error.colno,
        ) from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _problem(
            QT_TRANSLATE_NOOP("core", "The file is not a conversation exported by Parley.")
        )
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise _problem(
            QT_TRANSLATE_NOOP(
                "core",
                "The file was written by a newer Parley (format version {version}); update Parley.",
            ),
            version=str(version),
        )
    raw_messages = data.get("messages")
    if not isinstance(raw_messages, list):
        raise _problem(QT_TRANSLATE_NOOP("core", "The file has no list of messages."))
    messages: list[ExportedMessage] = []
    keys: set[int] = set()
    for number, raw in enumerate(raw_messages, start=1):
        where = _message_number(number)
        if not isinstance(raw, dict):
            raise _problem(QT_TRANSLATE_NOOP("core", "{where} is not an object."), where=where)
        key = _field(raw, "id", int, where)
        parent = raw.get("parent_id")
        if parent is not None and (not isinstance(parent, int) or parent not in keys):
            raise _problem(
                QT_TRANSLATE_NOOP(
                    "core", "{where}: its parent is not an earlier message of the file."
                ),
                where=where,
            )
        try:
            role = Role(_field(raw, "role", str, where))
            state = MessageState(raw.get("state", MessageState.COMPLETE.value))
        except ValueError as error:
            raise _problem(
                QT_TRANSLATE_NOOP("core", "{where}: {error}."),
                where=where,
                error=Text.plain(str(error)),
            ) from error
        keys.add(key)
        messages.append(
            ExportedMessage(
                key=key,
                parent_key=parent,
                role=role,
                content=_field(raw, "content", str, where),
                state=MessageState.INTERRUPTED if state is MessageState.STREAMING else state,
                model=str(raw.get("model") or ""),
                created_at=_moment(raw, "created_at", where),
                thinking=str(raw.get("thinking") or ""),
                stats=_stats(raw.get("stats")),
                error=str(raw.get("error") or ""),
                on_path=raw.get("on_path") is True,
                images=_image_keys(raw.get("images"), where),
                tool_rounds=rounds_from_json(raw.get("tool_rounds")),
            )
        )
    images = _images(data.get("images"))
    known = {image.digest for image in images}
    for number, item in enumerate(messages, start=1):
        if missing := [digest for digest in item.images if digest not in known]:
            raise _problem(
                QT_TRANSLATE_NOOP(
                    "core", "{where} attaches an image the file does not hold ({digest}…)."
                ),
                where=_message_number(number),
                digest=missing[0][:12],
            )
    parameters = data.get("parameters")
    return ExportedConversation(
        title=str(data.get("title") or "Imported conversation"),
        model=str(data.get("model") or ""),
        provider=str(data.get("provider") or "ollama"),
        system_prompt=str(data.get("system_prompt") or ""),
        parameters=ChatParameters.from_mapping(parameters if isinstance(parameters, dict) else {}),
        created_at=_moment(data, "created_at", _THE_CONVERSATION),
        updated_at=_moment(data, "updated_at", _THE_CONVERSATION),
        messages=tuple(messages),
        images=images,
    )


def _image_keys(value: Any, where: Text) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _problem(
            QT_TRANSLATE_NOOP("core", "{where}: “images” is not a list of image digests."),
            where=where,
        )
    return tuple(value)


def _images(value: Any) -> tuple[ImageAttachment, ...]:
    """The file's images, decoded and checked: each must be the picture its digest names."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _problem(QT_TRANSLATE_NOOP("core", "The file's “images” is not a list."))
    images: list[ImageAttachment] = []
    for number, raw in enumerate(value, start=1):
        where = say(QT_TRANSLATE_NOOP("core", "Image {number}"), number=number)
        if not isinstance(raw, dict):
            raise _problem(QT_TRANSLATE_NOOP("core", "{where} is not an object."), where=where)
        digest = _field(raw, "sha256", str, where)
        try:
            data = base64.b64decode(_field(raw, "data", str, where), validate=True)
        except binascii.Error as error:
            raise _problem(
                QT_TRANSLATE_NOOP("core", "{where}: its data is not valid base64 ({error})."),
                where=where,
                error=Text.plain(str(error)),
            ) from error
        try:
            image = stored_image(data, name=str(where))
        except ImageProblem as problem:
            raise ImportProblem(problem.text) from problem
        if image.digest != digest:
            raise _problem(
                QT_TRANSLATE_NOOP(
                    "core", "{where} is damaged: its data does not match its sha256."
                ),
                where=where,
            )
        images.append(image)
    return tuple(images)
