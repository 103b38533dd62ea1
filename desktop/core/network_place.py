"""Where a server runs, as a person would say it: this machine, your network, or the cloud.

Read from the endpoint URL alone (no lookups): loopback addresses and ``localhost`` are
this machine; private and link-local ranges, ``*.local``/``*.lan``/``*.home.arpa`` names
and single-label host names are the local network; everything else is elsewhere.
"""

from __future__ import annotations

import ipaddress
from enum import Enum
from urllib.parse import urlsplit


class Place(Enum):
    MACHINE = "machine"
    NETWORK = "network"
    CLOUD = "cloud"

    @property
    def near(self) -> bool:
        """Whether answers stay on this machine or the local network."""
        return self is not Place.CLOUD


LAN_SUFFIXES = (".local", ".lan", ".home.arpa", ".internal", ".localdomain")


def host_of(url: str) -> str:
    text = url.strip()
    if "://" not in text:
        text = "http://" + text
    try:
        return (urlsplit(text).hostname or "").strip("[]").lower()
    except ValueError:
        return ""


def place_of_url(url: str) -> Place:
    host = host_of(url)
    if not host:
        return Place.CLOUD
    if host == "localhost" or host.endswith(".localhost"):
        return Place.MACHINE
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        if host.endswith(LAN_SUFFIXES) or "." not in host:
            return Place.NETWORK
        return Place.CLOUD
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        address = mapped
    if address.is_loopback or address.is_unspecified:
        return Place.MACHINE
    if address.is_private or address.is_link_local:
        return Place.NETWORK
    if isinstance(address, ipaddress.IPv4Address) and address in ipaddress.ip_network(
        "100.64.0.0/10"
    ):
        return Place.NETWORK  # carrier-grade NAT, also Tailscale's addresses
    return Place.CLOUD
