"""The attached-image window: fitted to the window without enlarging, described below,
closed by Esc."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core.attachment import ImageAttachment
from desktop.ui.chat.messages.image_viewer import ImageViewer
from tests.pictures import encoded, left_blue_right_red
from tests.ui.keys import press


def attachment(width: int, height: int, name: str = "chart.png") -> ImageAttachment:
    data = encoded(left_blue_right_red(width, height), "PNG")
    return ImageAttachment(data, "image/png", width, height, b"", name)


def test_a_big_picture_is_fitted_keeping_its_shape(qtbot: object) -> None:
    viewer = ImageViewer()
    qtbot.addWidget(viewer)  # type: ignore[attr-defined]
    viewer.show_image(attachment(3000, 1500))
    room = viewer.scroll_area.viewport().size()
    width, height = viewer.shown_size()
    assert width <= room.width() and height <= room.height()
    assert max(width - room.width(), height - room.height()) >= -1, "as big as fits"
    assert abs(width / height - 2.0) < 0.02
    assert viewer.caption.text().startswith("3000 × 1500 pixels, PNG")
    assert viewer.windowTitle() == "chart.png — Parley"

    viewer.resize(viewer.width() // 2, viewer.height())
    assert viewer.shown_size()[0] < width, "follows the window"


def test_a_small_picture_is_not_enlarged_and_esc_closes(qtbot: object) -> None:
    viewer = ImageViewer()
    qtbot.addWidget(viewer)  # type: ignore[attr-defined]
    viewer.show_image(attachment(64, 32))
    assert viewer.shown_size() == (64, 32)
    assert viewer.isVisible()
    press(qtbot, viewer, Qt.Key.Key_Escape)
    assert not viewer.isVisible()


def test_bytes_that_are_no_picture_say_so(qtbot: object) -> None:
    viewer = ImageViewer()
    qtbot.addWidget(viewer)  # type: ignore[attr-defined]
    viewer.show_image(ImageAttachment(b"not a png", "image/png", 10, 10, b""))
    assert viewer.label.text() == "This image could not be shown."
    assert viewer.windowTitle() == "Image — Parley"
