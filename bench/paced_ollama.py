"""A scripted Ollama server that sends its pieces at a steady rate, as a model generates.

Run as ``python -m bench.paced_ollama SCRIPT.json PIECES_PER_SECOND``: it prints its URL,
serves until stdin closes, and answers GET /script/sent with when each piece left
(``time.monotonic``, the same clock in every process on the machine) and how many
characters of the answer had been sent by then.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from http import HTTPStatus

from tests.servers.loopback_http import Exchange
from tests.servers.scripted_ollama import Script, ScriptedOllama


class PacedPieces(list[str]):
    """The script's pieces, handed out at ``rate`` per second; notes each send."""

    def __init__(self, pieces: list[str], rate: float) -> None:
        super().__init__(pieces)
        self.rate = rate
        self.sent: list[tuple[float, int]] = []

    def __iter__(self) -> Iterator[str]:
        self.sent.clear()
        start = time.monotonic()
        chars = 0
        for index, piece in enumerate(super().__iter__()):
            wait = start + index / self.rate - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            yield piece  # written to the socket before the loop comes back here
            chars += len(piece)
            self.sent.append((time.monotonic(), chars))


class PacedOllama(ScriptedOllama):
    def __init__(self, pieces: list[str], rate: float) -> None:
        super().__init__()
        self.paced = PacedPieces(pieces, rate)
        self._script = Script(self.paced)
        self.routes["/script/sent"] = {"GET": self._sent}

    def _sent(self, exchange: Exchange) -> None:
        exchange.send_json(HTTPStatus.OK, {"sent": self.paced.sent})


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        pieces = json.load(handle)
    server = PacedOllama(pieces, float(sys.argv[2]))
    server.start()
    print(server.url, flush=True)
    sys.stdin.read()
    server.stop()


if __name__ == "__main__":
    main()
