"""What the person configured for one provider: plain data, saved by the settings store.

The API key is not here: it lives in the OS keyring under :attr:`ProviderConfig.key_name`
and is handed to the provider factory separately. ``key_host`` is the host
(``name:port``) the person confirmed the key for; a key is never attached to a request
for any other host. The settings file keeps this very class (desktop.storage.json_codec
writes and reads it), so there is one description of a provider, not two.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ProviderFamily(StrEnum):
    """Which wire protocol a provider speaks."""

    OLLAMA = "ollama"
    OPENAI_COMPAT = "openai_compat"
    AZURE = "azure"
    ANTHROPIC = "anthropic"


class AuthStyle(StrEnum):
    """How the secret travels: the header it goes in, or not at all."""

    NONE = "none"
    BEARER = "bearer"  # Authorization: Bearer <key>
    API_KEY = "api-key"  # api-key: <key> (Azure OpenAI)
    X_API_KEY = "x-api-key"  # x-api-key: <key> (Anthropic)
    BASIC = "basic"  # Authorization: Basic base64(<user:password>) (e.g. a remote Ollama)


class AzureMode(StrEnum):
    """Azure OpenAI's two URL forms."""

    DEPLOYMENT = "deployment"  # {endpoint}/openai/deployments/{deployment}/...?api-version=
    V1 = "v1"  # {endpoint}/openai/v1/... with the model in the body


@dataclass(frozen=True, slots=True)
class ProviderConfig:
    """One configured provider.

    Empty strings mean "the preset's value": ``base_url`` falls back to the preset's
    URL, ``auth`` to its auth style. ``headers`` are extra HTTP headers sent with every
    request. Network: ``proxy_url`` (``http://``, ``https://`` or ``socks5://``) wins;
    otherwise the system proxy is used when ``use_system_proxy``, else none.
    ``vision_models``/``blind_models`` are fnmatch patterns the person set to say
    which models do or do not see images, overriding the preset's table.
    """

    id: str = ""
    preset: str = "custom"
    name: str = ""
    base_url: str = ""
    enabled: bool = True
    auth: str = ""
    key_host: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    proxy_url: str = ""
    use_system_proxy: bool = True
    ca_bundle: str = ""
    allow_self_signed: bool = False
    azure_mode: str = AzureMode.DEPLOYMENT.value
    api_version: str = ""
    deployments: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    """Model names the person typed in, for providers that cannot list their models."""
    vision_models: tuple[str, ...] = ()
    blind_models: tuple[str, ...] = ()
    timeout_seconds: float = 120.0
    key_id: str = ""
    """This instance's own keyring entry name (see desktop.storage.settings.new_key_id);
    empty in entries written before it existed, whose key is still under ``id`` until it
    is moved."""

    @property
    def key_name(self) -> str:
        """The keyring entry of this provider's API key."""
        return self.key_id or self.id
