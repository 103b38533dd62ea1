"""Plain-words text about a model: what each part of its name means, and whether it fits RAM."""

from __future__ import annotations

import html
from functools import cache

from PySide6.QtCore import QCoreApplication

from desktop.core.memory_estimate import (
    MemoryEstimate,
    describe_fit,
    estimate_for_tag,
    estimate_memory,
    kv_bytes_per_token_from_info,
    total_ram_bytes,
)
from desktop.core.model_records import LocalModel, ModelDetails
from desktop.core.model_tags import explain, parse_model_tag
from desktop.ui.formatting import format_bytes
from desktop.ui.models.capability_badges import capability_label
from desktop.ui.strings import translated

CONTEXT = "ModelExplanation"


@cache
def machine_ram() -> int | None:
    return total_ram_bytes()


def estimate(model: LocalModel, details: ModelDetails | None = None) -> MemoryEstimate | None:
    """From what Ollama reports (size, quantization, real layer shape), else from the name."""
    context = (details.context_length if details else None) or 4096
    context = min(context, 4096)
    kv = kv_bytes_per_token_from_info(details.model_info) if details else None
    if model.parameter_size:
        try:
            return estimate_memory(
                model.parameter_size, model.quantization, context, kv_per_token=kv
            )
        except ValueError:
            pass
    return estimate_for_tag(parse_model_tag(model.name), context)


def fit_sentence(model: LocalModel, details: ModelDetails | None = None) -> str:
    ram = machine_ram()
    guess = estimate(model, details)
    if guess is None:
        return QCoreApplication.translate(
            "ModelExplanation", "The memory this model needs cannot be estimated from its name."
        )
    if ram is None:
        return QCoreApplication.translate(
            "ModelExplanation", "Needs about {need} of memory (this computer's RAM is unknown)."
        ).format(need=format_bytes(guess.total_bytes))
    return translated(describe_fit(guess, ram))


def name_parts(name: str) -> list[tuple[str, str]]:
    """Each part of the name (a variant by its label) and what it means, in the language in use."""
    return [
        (translated(part), translated(meaning)) for part, meaning in explain(parse_model_tag(name))
    ]


def model_tooltip(model: LocalModel, capabilities: tuple[str, ...] | None = None) -> str:
    """Rich text: the whole name, its figures, each part of the name explained, size on
    disk, digest and RAM fit."""
    rows = "".join(
        f"<tr><td><b>{html.escape(part)}</b></td><td>{html.escape(meaning)}</td></tr>"
        for part, meaning in name_parts(model.name)
    )
    figures = [
        QCoreApplication.translate("ModelExplanation", "{count} parameters").format(
            count=model.parameter_size
        )
        if model.parameter_size
        else "",
        model.quantization,
        model.family,
    ]
    if capabilities:
        words = ", ".join(capability_label(c) for c in capabilities)
        figures.append(
            QCoreApplication.translate("ModelExplanation", "can: {list}").format(list=words)
        )
    facts = QCoreApplication.translate(
        "ModelExplanation", "{size} on disk · digest {digest}"
    ).format(size=format_bytes(model.size), digest=model.digest.removeprefix("sha256:")[:12])
    summary = " · ".join(part for part in figures if part)
    return (
        f"<p><b>{html.escape(model.name)}</b><br>{html.escape(summary)}</p>"
        f"<table>{rows}</table>"
        f"<p>{html.escape(facts)}</p><p>{html.escape(fit_sentence(model))}</p>"
    )
