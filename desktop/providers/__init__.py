"""Async adapters over one shared httpx.AsyncClient. No Qt here."""
