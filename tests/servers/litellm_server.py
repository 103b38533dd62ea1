"""A LiteLLM proxy's key check in front of the OpenAI test server.

LiteLLM (``litellm --config ...`` with ``general_settings.master_key``) accepts its
master key at once. Any other key is a "virtual key" it looks up in its database:

- no database connected: HTTP 400
  ``{"error":{"message":"No connected db.","type":"no_db_connection","param":"None","code":"400"}}``
  (``litellm/proxy/auth/user_api_key_auth.py``: ``raise Exception("No connected db.")``,
  wrapped in a ProxyException of that type);
- installed without its ``prisma`` extra: the lookup raises before LiteLLM can wrap
  it, and Starlette answers a plain-text ``500 Internal Server Error``;
- no key at all: 401 ``auth_error`` "Authentication Error, No api key passed in.".

Everything else is the OpenAI server's (chat, models, faults).
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from tests.servers.loopback_http import Exchange
from tests.servers.openai_server import OpenAIServer

NO_DB = "no_db"
NO_PRISMA = "no_prisma"


def litellm_error(status: int, message: str, kind: str) -> dict[str, Any]:
    """LiteLLM's ProxyException body: OpenAI's shape, ``param`` and ``code`` as strings."""
    return {"error": {"message": message, "type": kind, "param": "None", "code": str(status)}}


class LiteLLMServer(OpenAIServer):
    """``api_key`` is the master key; ``without``: NO_DB (default) or NO_PRISMA."""

    def __init__(self, *, api_key: str | None = None, without: str = NO_DB, **options: Any):
        super().__init__(api_key=api_key, **options)
        self.without = without

    def start(self) -> LiteLLMServer:
        super().start()
        return self

    def _bearer_ok(self, exchange: Exchange) -> bool:
        if self.api_key is None:
            return True
        given = exchange.handler.headers.get("Authorization", "")
        if given == f"Bearer {self.api_key}":
            return True
        if not given.removeprefix("Bearer ").strip():
            exchange.send_json(
                HTTPStatus.UNAUTHORIZED,
                litellm_error(401, "Authentication Error, No api key passed in.", "auth_error"),
            )
        elif self.without == NO_PRISMA:
            exchange.send_text(HTTPStatus.INTERNAL_SERVER_ERROR, "Internal Server Error")
        else:
            exchange.send_json(
                HTTPStatus.BAD_REQUEST,
                litellm_error(400, "No connected db.", "no_db_connection"),
            )
        return False
