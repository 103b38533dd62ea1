"""The files that came with an export (a zip's members): images a message points to."""

from __future__ import annotations

import re
import zipfile
from pathlib import PurePosixPath

from desktop.core.attachment import ImageAttachment
from desktop.core.image_preparation import ImageProblem, stored_image

_FILE_ID = re.compile(r"^(file[-_][A-Za-z0-9]+)")
IMAGE_LIMIT = 64 << 20
"""An image file larger than this is not read (kept as a note)."""


def file_id(text: str) -> str:
    """``file-AbC1`` from ``file-service://file-AbC1``, ``sediment://file_00ab`` or
    from a member named ``file-AbC1-photo.png``; '' when there is none."""
    name = text.rsplit("://", 1)[-1].rsplit("/", 1)[-1]
    found = _FILE_ID.match(name)
    return found.group(1) if found else ""


class ExportFiles:
    """Looks up a zip's members by the file id in their name. ``decode``: False for a
    preview, which only counts what is there."""

    def __init__(self, archive: zipfile.ZipFile | None, *, decode: bool) -> None:
        self._archive = archive
        self.decode = decode
        self._by_id: dict[str, zipfile.ZipInfo] = {}
        self._by_name: dict[str, zipfile.ZipInfo] = {}
        if archive is not None:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                name = PurePosixPath(info.filename).name
                self._by_name.setdefault(name, info)
                if key := file_id(name):
                    self._by_id.setdefault(key, info)

    def has(self, pointer: str) -> bool:
        return file_id(pointer) in self._by_id

    def has_name(self, name: str) -> bool:
        return name in self._by_name

    def image(self, pointer: str) -> ImageAttachment | str:
        """The picture, or why it is not there (a few words for the note)."""
        return self._picture(self._by_id.get(file_id(pointer)))

    def named(self, name: str) -> ImageAttachment | str:
        """The picture in the member called ``name`` (in any folder)."""
        return self._picture(self._by_name.get(name))

    def _picture(self, info: zipfile.ZipInfo | None) -> ImageAttachment | str:
        if info is None or self._archive is None:
            return "not in the export"
        if info.file_size > IMAGE_LIMIT:
            return f"{info.filename} is larger than {IMAGE_LIMIT >> 20} MB"
        try:
            data = self._archive.read(info)
        except (zipfile.BadZipFile, OSError) as error:
            return f"{info.filename} could not be read ({error})"
        try:
            return stored_image(data, name=PurePosixPath(info.filename).name)
        except ImageProblem as problem:
            return str(problem)
