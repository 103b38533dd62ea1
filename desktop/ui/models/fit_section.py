"""The details panel's Memory section: Parley's estimate, what Ollama measured once the
model was loaded, the estimate corrected by earlier measurements, the largest context
that fits; and the model's defaults for new chats.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from desktop.core.chat_parameters import ChatParameters
from desktop.core.measured_fit import (
    HEADROOM,
    Correction,
    Measurement,
    corrected_bytes,
    largest_context,
    memory_budgets,
)
from desktop.core.memory_estimate import (
    COMFORTABLE_SHARE,
    TIGHT_SHARE,
    MemoryEstimate,
    estimate_memory,
    kv_bytes_per_token_from_info,
)
from desktop.core.model_defaults import ModelDefaults
from desktop.core.model_records import LocalModel, ModelDetails
from desktop.core.model_tags import parse_model_tag
from desktop.ui.formatting import format_bytes
from desktop.ui.models.model_explanation import fit_sentence, machine_ram

SHOWN_CONTEXT = 4096
"""The context an estimate is shown for when the model is not loaded."""


Estimator = Callable[[int], MemoryEstimate]


def estimator(model: LocalModel, details: ModelDetails | None) -> Estimator | None:
    """The estimate at any context, from what Ollama says (size, quantization, the real
    layer shape) or else from the name; None when neither states a size."""
    kv = kv_bytes_per_token_from_info(details.model_info) if details else None
    quantization = model.quantization
    size: str | float | None = model.parameter_size or None
    if size is None:
        tag = parse_model_tag(model.name)
        size, quantization = tag.parameters, quantization or tag.quantization
    if size is None:
        return None
    try:
        estimate_memory(size, quantization, 0, kv_per_token=kv)
    except ValueError:
        return None
    return lambda context: estimate_memory(size, quantization, context, kv_per_token=kv)


def _rows(pairs: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td><b>{html.escape(key)}</b></td><td>{html.escape(value)}</td></tr>"
        for key, value in pairs
    )
    return f"<table>{cells}</table>"


def _tokens(count: int) -> str:
    return QCoreApplication.translate("FitSection", "{n} tokens").format(n=f"{count:,}")


def memory_html(
    model: LocalModel,
    details: ModelDetails | None,
    correction: Correction | None,
    measurement: Measurement | None,
    available_ram: int | None,
) -> str:
    """The Memory section's body (its heading is the panel's)."""
    estimate_at = estimator(model, details)
    if estimate_at is None:
        return f"<p>{html.escape(fit_sentence(model, details))}</p>"
    limit = details.context_length if details else None
    if measurement is None:
        return _before_loading(model, details, estimate_at, correction, available_ram, limit)
    estimated = measurement.estimated_bytes
    difference = (measurement.size - estimated) / estimated if estimated else 0.0
    rows = [
        (
            QCoreApplication.translate("FitSection", "Ollama measured"),
            QCoreApplication.translate(
                "FitSection", "{size} at {context} ({percent:.0f}% on the GPU)"
            ).format(
                size=format_bytes(measurement.size),
                context=_tokens(measurement.context_length),
                percent=measurement.gpu_share * 100,
            ),
        ),
        (
            QCoreApplication.translate("FitSection", "Parley estimated"),
            QCoreApplication.translate("FitSection", "{size} ({difference:+.0%})").format(
                size=format_bytes(estimated), difference=difference
            ),
        ),
    ]
    if correction is not None:
        at = estimate_at(measurement.context_length)
        rows.append(
            (
                QCoreApplication.translate("FitSection", "Next estimate"),
                (
                    QCoreApplication.translate(
                        "FitSection", "{size}, measured (×{ratio:.2f} from one load)"
                    )
                    if correction.samples == 1
                    else QCoreApplication.translate(
                        "FitSection", "{size}, measured (×{ratio:.2f} from {n} loads)"
                    )
                ).format(
                    size=format_bytes(corrected_bytes(at, correction)),
                    ratio=correction.ratio,
                    n=correction.samples,
                ),
            )
        )
    rows.append(
        (
            QCoreApplication.translate("FitSection", "Largest context that fits"),
            _suggestion(measurement, estimate_at, correction, available_ram, limit),
        )
    )
    return _rows(rows)


def _suggestion(
    measurement: Measurement,
    estimate_at: Estimator,
    correction: Correction | None,
    available_ram: int | None,
    limit: int | None,
) -> str:
    budgets = memory_budgets(measurement, available_ram)
    ratio = correction.ratio if correction else measurement.ratio
    said: list[str] = []
    for budget in budgets:
        size = format_bytes(budget.bytes)
        context = largest_context(estimate_at, budget.bytes, ratio=ratio, limit=limit)
        if context is not None and budget.on_gpu:
            words = QCoreApplication.translate(
                "FitSection", "{n}, keeping the model wholly on the GPU ({size})"
            )
        elif context is not None and limit and context >= limit:
            words = QCoreApplication.translate(
                "FitSection", "{n}: the model's whole window fits in free memory ({size})"
            )
        elif context is not None:
            words = QCoreApplication.translate("FitSection", "{n} in free memory ({size})")
        elif budget.on_gpu:
            words = QCoreApplication.translate(
                "FitSection", "none keeps the model wholly on the GPU ({size})"
            )
        else:
            words = QCoreApplication.translate(
                "FitSection", "less than {n} in free memory ({size}): close other programs first"
            )
        said.append(words.format(n=_tokens(context or 2048), size=size))
        if context is not None:
            break
    if not said:
        return QCoreApplication.translate(
            "FitSection", "unknown (this computer does not say how much memory is free)"
        )
    return "; ".join(said)


def _before_loading(
    model: LocalModel,
    details: ModelDetails | None,
    estimate_at: Estimator,
    correction: Correction | None,
    available_ram: int | None,
    limit: int | None,
) -> str:
    if correction is None:
        hint = QCoreApplication.translate(
            "FitSection",
            "Once the model is loaded, Parley compares this with what Ollama measures.",
        )
        return f"<p>{html.escape(fit_sentence(model, details))} {html.escape(hint)}</p>"
    context = min(limit or SHOWN_CONTEXT, SHOWN_CONTEXT)
    need = corrected_bytes(estimate_at(context), correction)
    ram = machine_ram()
    sentence = (
        QCoreApplication.translate(
            "FitSection",
            "Needs about {need} at {context}, measured: corrected ×{ratio:.2f} "
            "by one load of {model}.",
        )
        if correction.samples == 1
        else QCoreApplication.translate(
            "FitSection",
            "Needs about {need} at {context}, measured: corrected ×{ratio:.2f} "
            "by {n} loads of {model}.",
        )
    ).format(
        need=format_bytes(need),
        context=_tokens(context),
        ratio=correction.ratio,
        n=correction.samples,
        model=correction.model or model.family,
    )
    parts = [sentence]
    if ram is not None:
        if need <= ram * COMFORTABLE_SHARE:
            words = QCoreApplication.translate(
                "FitSection", "It fits this computer's {ram} comfortably."
            )
        elif need <= ram * TIGHT_SHARE:
            words = QCoreApplication.translate(
                "FitSection", "It is tight in this computer's {ram}."
            )
        else:
            words = QCoreApplication.translate(
                "FitSection", "It does not fit this computer's {ram}."
            )
        parts.append(words.format(ram=format_bytes(ram)))
    if available_ram is not None:
        free = round(available_ram * HEADROOM)
        most = largest_context(estimate_at, free, ratio=correction.ratio, limit=limit)
        if most is not None:
            parts.append(
                QCoreApplication.translate(
                    "FitSection", "Largest context that fits free memory now: {n}."
                ).format(n=_tokens(most))
            )
    return f"<p>{html.escape(' '.join(parts))}</p>"


def defaults_html(defaults: ModelDefaults | None) -> str:
    """One line: what a new chat with the model starts with."""
    if not defaults:
        usual = QCoreApplication.translate("FitSection", "New chats use the usual settings.")
        return f"<p>{html.escape(usual)}</p>"
    p: ChatParameters = defaults.parameters
    think = {
        True: QCoreApplication.translate("FitSection", "on"),
        False: QCoreApplication.translate("FitSection", "off"),
    }.get(p.think, p.think)  # type: ignore[arg-type]
    parts = [
        QCoreApplication.translate("FitSection", "temperature {v}").format(v=p.temperature)
        if p.temperature is not None
        else "",
        QCoreApplication.translate("FitSection", "top P {v}").format(v=p.top_p)
        if p.top_p is not None
        else "",
        QCoreApplication.translate("FitSection", "context {v}").format(v=f"{p.num_ctx:,}")
        if p.num_ctx
        else "",
        QCoreApplication.translate("FitSection", "seed {v}").format(v=p.seed)
        if p.seed is not None
        else "",
        QCoreApplication.translate("FitSection", "at most {v} tokens").format(v=f"{p.max_tokens:,}")
        if p.max_tokens
        else "",
        QCoreApplication.translate("FitSection", "thinking {v}").format(v=think)
        if p.think is not None
        else "",
    ]
    text = " · ".join(part for part in parts if part)
    body = html.escape(text) if text else ""
    if defaults.system_prompt:
        prompt = html.escape(defaults.system_prompt)
        body += ("<br>" if body else "") + f"<i>{prompt}</i>"
    return f"<p>{body}</p>"
