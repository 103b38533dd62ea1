"""Provider-neutral records describing models: installed, running, details, pull progress."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class LocalModel:
    """An installed model as /api/tags lists it."""

    name: str
    size: int
    digest: str
    modified_at: datetime | None = None
    family: str = ""
    families: tuple[str, ...] = ()
    parameter_size: str = ""
    quantization: str = ""
    format: str = ""
    capabilities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RunningModel:
    """A model loaded in memory as /api/ps lists it."""

    name: str
    size: int
    size_vram: int
    digest: str
    expires_at: datetime | None = None
    context_length: int | None = None
    parameter_size: str = ""
    quantization: str = ""


@dataclass(frozen=True, slots=True)
class ModelDetails:
    """Everything /api/show tells about one model."""

    name: str
    capabilities: tuple[str, ...] = ()
    family: str = ""
    parameter_size: str = ""
    quantization: str = ""
    format: str = ""
    parameters: str = ""
    template: str = ""
    system: str = ""
    license: str = ""
    modelfile: str = ""
    modified_at: datetime | None = None
    parent_model: str = ""
    """The model this one was created from (a variant made with /api/create ``from``)."""
    model_info: dict[str, object] = field(default_factory=dict)

    @property
    def architecture(self) -> str:
        value = self.model_info.get("general.architecture")
        return value if isinstance(value, str) else ""

    def _arch_int(self, key: str) -> int | None:
        value = self.model_info.get(f"{self.architecture}.{key}")
        return value if isinstance(value, int) else None

    @property
    def context_length(self) -> int | None:
        return self._arch_int("context_length")

    @property
    def embedding_length(self) -> int | None:
        return self._arch_int("embedding_length")

    @property
    def can_see(self) -> bool:
        return "vision" in self.capabilities

    @property
    def can_think(self) -> bool:
        return "thinking" in self.capabilities

    @property
    def can_use_tools(self) -> bool:
        """Ollama lists "tools": only then may a request offer it tools."""
        return "tools" in self.capabilities


@dataclass(frozen=True, slots=True)
class PullProgress:
    """One line of a pull stream. ``digest``/``total``/``completed`` only while downloading."""

    status: str
    digest: str = ""
    total: int = 0
    completed: int = 0
