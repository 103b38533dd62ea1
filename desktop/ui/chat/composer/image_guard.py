"""Never send a picture to a model that cannot see it.

The guard watches the draft and the route. While the draft holds pictures that the
chosen model cannot see, it says so in the attachment strip (with models that can, to
switch to) and reports the reason through ``blockedChanged``, so Send is disabled with
that reason in its tooltip.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop.core.chat_service import ChatService
from desktop.storage.history import HistoryStore
from desktop.ui.chat.composer.attachment_draft import AttachmentDraft
from desktop.ui.chat.composer.attachments import AttachmentStrip
from desktop.ui.chat.composer.attachments_sight import ImageSight
from desktop.ui.provider_registry import ModelGroup, ProviderRegistry
from desktop.ui.tasks import TaskOwner

Route = tuple[str, str]


class ImageGuard(QObject):
    blockedChanged = Signal(str)
    """Why Send must wait ("" when nothing blocks it)."""

    def __init__(
        self,
        chat: ChatService[HistoryStore],
        providers: ProviderRegistry,
        tasks: TaskOwner,
        draft: AttachmentDraft,
        strip: AttachmentStrip,
        route: Callable[[], Route],
        groups: Callable[[], list[ModelGroup]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._draft = draft
        self._strip = strip
        self._route = route
        self._sight = ImageSight(chat, providers, groups)
        self._task: asyncio.Task[None] | None = None
        self.blocked = ""
        draft.changed.connect(self.judge)

    def sees_now(self) -> bool | None:
        """Whether the chosen model sees images, as far as is known without asking."""
        return self._sight.sees_now(*self._route())

    def can_send(self) -> bool:
        """Whether the draft's pictures may go to the chosen model now (judged again if not)."""
        if self._draft.images and self._sight.sees_now(*self._route()) is False:
            self.judge()
            return False
        return True

    def judge(self, *, images_kept: bool = False) -> None:
        """Look again whether the chosen model sees the pictures (``images_kept``: pictures
        of a message being edited count too)."""
        attached = images_kept or bool(self._draft.images or self._draft.busy)
        if self._task is not None:
            self._task.cancel()
        self._task = self._tasks.spawn(
            self._warn_blind(self._route(), attached), name="image-sight"
        )

    def _block(self, reason: str) -> None:
        if reason != self.blocked:
            self.blocked = reason
            self.blockedChanged.emit(reason)

    async def _warn_blind(self, route: Route, attached: bool) -> None:
        seeing = await self._sight.sees(*route) if attached and route[1] else True
        if seeing is not False:
            if route == self._route():
                self._strip.set_warning("")
                self._block("")
            return
        choices = await self._sight.seeing_models()
        if route != self._route():
            return
        if choices:
            text = QCoreApplication.translate(
                "ChatPane",
                "{model} cannot see images, so Send waits: remove the images, or switch to "
                "a model that can:",
            ).format(model=route[1])
        else:
            text = QCoreApplication.translate(
                "ChatPane",
                "{model} cannot see images, and none of your models can. Pull one that can "
                "(such as llava or qwen2.5vl) in the Models tab, or remove the images.",
            ).format(model=route[1])
        self._strip.set_warning(text, choices)
        self._block(
            QCoreApplication.translate(
                "ChatPane", "{model} cannot see images: remove them or choose a model that can"
            ).format(model=route[1])
        )
