"""Fixtures for provider tests: the app's shared HTTP client."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from desktop.providers.http_client import make_http_client


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with make_http_client() as shared:
        yield shared
