"""From an export's messages (each with a parent) to Parley's tree of messages.

The apps keep a conversation as a tree: editing a question or asking again makes a sibling.
A reader turns each of the export's messages into a :class:`Node`; :func:`build` keeps
the tree, marks the path that was shown (from the app's current leaf, else the newest
branch), leaves out the empty hidden nodes (re-attaching their children), and folds a
chain of the assistant's parts (a code call, its tool output, the answer that followed)
into one answer, since Parley shows a question and then one answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

from desktop.core.attachment import ImageAttachment
from desktop.core.chat_parameters import ChatParameters
from desktop.core.conversation_export import ExportedConversation, ExportedMessage
from desktop.core.messages import MessageState, Role


@dataclass(slots=True)
class Node:
    key: str
    parent: str | None
    role: Role | None
    """None: nothing to show (a hidden system node, the root); its children move up."""
    content: list[str] = field(default_factory=list)
    thinking: list[str] = field(default_factory=list)
    model: str = ""
    created_at: datetime | None = None
    images: list[ImageAttachment] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Built:
    messages: tuple[ExportedMessage, ...]
    images: tuple[ImageAttachment, ...]
    system_prompt: str

    def conversation(
        self,
        title: str,
        created: datetime,
        updated: datetime,
        source_id: str,
        system_prompt: str = "",
    ) -> ExportedConversation:
        """The conversation as Parley keeps it (``source_id``: "app:id", or "" when the
        export gives no id; ``system_prompt``: when the tree holds none)."""
        return ExportedConversation(
            title=title,
            model="",
            provider="ollama",
            system_prompt=self.system_prompt or system_prompt,
            parameters=ChatParameters(),
            created_at=created,
            updated_at=max(updated, created),
            messages=self.messages,
            images=self.images,
            source_id=source_id,
        )


def note(kind: str, value: object) -> str:
    """A part Parley cannot show, kept in the message as text a person can read."""
    body = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, indent=2)
    fence = "```"
    while fence in body:
        fence += "`"
    language = "" if isinstance(value, str) else "json"
    return f"*Kept from the export ({kind}):*\n\n{fence}{language}\n{body}\n{fence}"


def moment(value: object) -> datetime | None:
    """A time as the apps write it: seconds (or ms, µs, ns) since 1970, or ISO 8601."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = float(value)
        while seconds > 1e11:  # milliseconds, microseconds, nanoseconds
            seconds /= 1000
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def build(nodes: list[Node], current: str | None, fallback: datetime) -> Built:
    """``nodes`` in the export's order; ``current``: the leaf that was shown, if known."""
    by_key = {node.key: node for node in nodes}
    children: dict[str | None, list[str]] = {}
    for node in nodes:
        parent = node.parent if node.parent in by_key and node.parent != node.key else None
        children.setdefault(parent, []).append(node.key)
    order: list[str] = []
    seen: set[str] = set()

    def visit(start: str) -> None:
        stack = [start]
        while stack:
            key = stack.pop()
            if key in seen:
                continue
            seen.add(key)
            order.append(key)
            stack.extend(reversed(children.get(key, [])))

    for root in children.get(None, []):
        visit(root)
    for node in nodes:  # a loop of parents: start it somewhere rather than lose it
        if node.key not in seen:
            by_key[node.key].parent = None
            visit(node.key)

    # the shown path, in the export's keys
    leaf = current if current in by_key else None
    if leaf is None:
        kids = children.get(None, [])
        while kids:
            leaf = kids[-1]
            kids = children.get(leaf, [])
    shown: set[str] = set()
    walk = leaf
    while walk is not None and walk not in shown:
        shown.add(walk)
        walk = by_key[walk].parent

    target: dict[str, int | None] = {}  # export key -> the Parley message it went into
    built: list[_Message] = []
    system: list[str] = []
    for key in order:
        node = by_key[key]
        above = target.get(node.parent) if node.parent is not None else None
        role = Role.ASSISTANT if node.role is Role.TOOL else node.role
        empty = not any(node.content) and not node.images and not any(node.thinking)
        if role is None or (empty and role is not Role.USER):
            target[key] = above
            continue
        if role is Role.SYSTEM:
            if above is None:
                system.append("\n\n".join(part for part in node.content if part))
                target[key] = None
                continue
            role = Role.ASSISTANT
        before = built[above] if above is not None else None
        if (
            role is Role.ASSISTANT
            and before is not None
            and before.role is Role.ASSISTANT
            and before.last == node.parent
            and len(children.get(node.parent, [])) == 1
        ):  # the next part of the same answer
            before.node.content.extend(node.content)
            before.node.thinking.extend(node.thinking)
            before.node.images.extend(node.images)
            before.node.model = before.node.model or node.model
            before.on_path = before.on_path or key in shown
            before.last = key
            target[key] = above
            continue
        when = node.created_at or (before.created_at if before is not None else fallback)
        copy = Node(key, None, role, list(node.content), list(node.thinking), node.model)
        copy.images = list(node.images)
        built.append(_Message(copy, role, above, when, key in shown, key))
        target[key] = len(built) - 1

    images: dict[str, ImageAttachment] = {}
    messages: list[ExportedMessage] = []
    for index, item in enumerate(built):
        for picture in item.node.images:
            images.setdefault(picture.digest, picture)
        messages.append(
            ExportedMessage(
                key=index,
                parent_key=item.parent,
                role=item.role,
                content="\n\n".join(part for part in item.node.content if part),
                state=MessageState.COMPLETE,
                model=item.node.model,
                created_at=item.created_at,
                thinking="\n\n".join(part for part in item.node.thinking if part),
                on_path=item.on_path,
                images=tuple(dict.fromkeys(picture.digest for picture in item.node.images)),
            )
        )
    return Built(tuple(messages), tuple(images.values()), "\n\n".join(system))


@dataclass(slots=True)
class _Message:
    node: Node
    role: Role
    parent: int | None
    created_at: datetime
    on_path: bool
    last: str
    """The export's key of the last part folded into it."""
