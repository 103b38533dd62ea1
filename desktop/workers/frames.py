"""Messages between the app and its child process: a 4-byte length, then a pickle.

Both ends are Parley's own code, so a pickle read here was written by Parley.
"""

from __future__ import annotations

import pickle
import struct
from typing import IO, Any

LENGTH = struct.Struct("!I")


def write_frame(stream: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(LENGTH.pack(len(data)) + data)
    stream.flush()


def read_frame(stream: IO[bytes]) -> Any:
    """The next message (None when the stream ended, also in the middle of a frame)."""
    head = stream.read(LENGTH.size)
    if len(head) < LENGTH.size:
        return None
    (length,) = LENGTH.unpack(head)
    data = stream.read(length)
    return pickle.loads(data) if len(data) == length else None  # written by our own child
