"""Attaching big pictures in the real window: how long the event loop stalls.

A 50-megapixel photo (and the same with EXIF orientation 6, and a 16-megapixel PNG
screenshot) is dropped into the draft of a real MainWindow, as a person would; a
LoopProbe (10 ms timer) records the longest gap between ticks until the thumbnail
shows. Preparation runs in a worker thread, so the target is a stall under 50 ms.
"""

from __future__ import annotations

import asyncio
import io
import tempfile
import time
from pathlib import Path

from PIL import Image

from bench.app_window import fresh_window
from bench.loop_probe import LoopProbe

STALL_TARGET_MS = 50.0


def photo(width: int, height: int) -> Image.Image:
    """Smooth light and fine noise, like a camera photo (JPEG compresses it like one)."""
    light = Image.radial_gradient("L").resize((width, height), Image.Resampling.BILINEAR)
    grain = Image.effect_noise((width, height), 24)
    sky = Image.linear_gradient("L").resize((width, height), Image.Resampling.BILINEAR)
    return Image.merge("RGB", (light, grain, sky))


def jpeg(image: Image.Image, orientation: int | None = None) -> bytes:
    out = io.BytesIO()
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


async def attach_once(path: Path) -> dict[str, float | str]:
    async with fresh_window((1200, 900)) as (_services, window):
        pane = window.chat_pane
        probe = LoopProbe()
        probe.start()
        await asyncio.sleep(0.05)
        started = time.perf_counter()
        pane.draft.add_paths([path])
        while not pane.attachment_strip.thumbs and time.perf_counter() - started < 60:
            await asyncio.sleep(0.001)
        elapsed = (time.perf_counter() - started) * 1000
        await asyncio.sleep(0.05)
        probe.stop()
        [image] = pane.draft.images
        return {
            "ms": elapsed,
            "stall": probe.longest_ms,
            "p99": probe.p99_ms,
            "out": f"{image.width}×{image.height} {image.media_type.removeprefix('image/')}",
            "kb": len(image.data) / 1024,
        }


async def run() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        big = photo(8660, 5773)  # 50.0 megapixels
        inputs = [
            ("50 MP JPEG", folder / "photo.jpg", jpeg(big)),
            ("50 MP JPEG, EXIF 6", folder / "rotated.jpg", jpeg(big, orientation=6)),
            ("16 MP PNG", folder / "screen.png", png(photo(4896, 3264))),
        ]
        del big
        print("\nAttaching a big picture to the draft (real window, worker thread)")
        print(
            f"{'input':<20} {'file MB':>8} {'ready ms':>9} {'longest stall ms':>17} "
            f"{'p99 gap ms':>11} {'sent as':>19} {'KB':>6}"
        )
        for label, path, data in inputs:
            path.write_bytes(data)
            row = await attach_once(path)
            print(
                f"{label:<20} {len(data) / 1e6:>8.1f} {row['ms']:>9.0f} {row['stall']:>17.1f} "
                f"{row['p99']:>11.1f} {row['out']:>19} {row['kb']:>6.0f}"
            )
        print(f"target: longest stall < {STALL_TARGET_MS:.0f} ms (the 10 ms timer's gaps)")


if __name__ == "__main__":
    from bench.window_loop import run_in_window_loop

    run_in_window_loop(run)
