"""Fixtures for the servers' own conformance tests."""

from tests.servers.sdk_clients import close_sdk_clients

__all__ = ["close_sdk_clients"]
