"""How much memory this computer's graphics card has, where the system says so.

NVIDIA: ``nvidia-smi`` (installed with the driver Ollama uses). AMD on Linux: the amdgpu
driver's ``mem_info_vram_total`` in sysfs. Elsewhere (Intel, Apple's unified memory, no
GPU) None: the fit verdict then speaks of RAM only. Blocking (a process runs): call it
off the UI thread.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

_MIB = 1024 * 1024


def nvidia_vram(output: str) -> int | None:
    """The largest card's memory from ``nvidia-smi --query-gpu=memory.total
    --format=csv,noheader,nounits`` (MiB, one line per card)."""
    sizes = [int(line.strip()) for line in output.splitlines() if line.strip().isdigit()]
    return max(sizes) * _MIB if sizes else None


def amd_vram(drm: Path = Path("/sys/class/drm")) -> int | None:
    sizes = []
    for path in drm.glob("card*/device/mem_info_vram_total"):
        try:
            sizes.append(int(path.read_text(encoding="ascii").strip()))
        except (OSError, ValueError):
            continue
    return max(sizes) if sizes else None


def total_vram_bytes() -> int | None:
    """The memory of this computer's largest GPU in bytes, or None if unknown."""
    smi = shutil.which("nvidia-smi")
    if smi is not None:
        try:
            done = subprocess.run(
                [smi, "--query-gpu=memory.total", "--format=csv,noheader,nounits"],
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            done = None
        if done is not None and done.returncode == 0 and (size := nvidia_vram(done.stdout)):
            return size
    return amd_vram()
