"""A loaded model: Parley's estimate beside what /api/ps measured, the correction learned
for the next estimate, and the largest context that fits."""

from __future__ import annotations

from desktop.core.measured_fit import largest_context
from desktop.core.memory_estimate import estimate_memory, kv_bytes_per_token_from_info
from desktop.storage.measured_fit_file import MeasuredFitStore, default_measured_fit_path
from desktop.ui.formatting import format_bytes
from desktop.ui.models.per_model import PerModelKeeping
from tests.servers.model_store import ModelName
from tests.ui.conftest import wait_until
from tests.ui.models.page_steps import open_models, select

FIT = "fitme:latest"
SAME_KIND = "fitme-two:latest"
OTHER_KIND = "fitme-q8:latest"
GB = 1_000_000_000


def publish(server, tiny_model_path) -> None:
    for name, quantization in ((FIT, "Q4_K_M"), (SAME_KIND, "Q4_K_M"), (OTHER_KIND, "Q8_0")):
        server.publish(
            name, tiny_model_path, family="llama", parameter_size="1.0B", quantization=quantization
        )
        server.install(name)


async def test_the_measurement_is_shown_learned_and_used_next(
    ollama_env, open_window, tiny_model_path
):
    publish(ollama_env, tiny_model_path)
    window = await open_models(open_window)
    pane = window.model_pane
    await wait_until(lambda: window.models.find(FIT) is not None)
    select(pane, FIT)
    await wait_until(lambda: pane.details_cache.get(window.models.find(FIT).digest) is not None)
    before = pane.details.view.toPlainText()
    assert "Once the model is loaded, Parley compares this with what Ollama measures." in before

    # Ollama loads it with 8,192 tokens of context, in more memory than Parley estimates,
    # and has to split it: 1.2 GB on the GPU, the rest in RAM.
    loaded = ollama_env.store.get(ModelName.parse(FIT))
    ollama_env.mark_running(loaded, None, 8192, (1_300_000_000, 1_200_000_000))
    await wait_until(lambda: "Ollama measured" in pane.details.view.toPlainText())

    details = pane.details_cache.get(window.models.find(FIT).digest)
    kv = kv_bytes_per_token_from_info(details.model_info)

    def estimate_at(context: int):
        return estimate_memory("1.0B", "Q4_K_M", context, kv_per_token=kv)

    estimated = estimate_at(8192).total_bytes
    ratio = 1_300_000_000 / estimated
    shown = pane.details.view.toPlainText()
    assert "Ollama measured\n1.3 GB at 8,192 tokens (92% on the GPU)" in shown
    assert f"Parley estimated\n{format_bytes(estimated)} ({ratio - 1:+.0%})" in shown
    corrected = format_bytes(round(estimated * ratio))
    assert f"Next estimate\n{corrected}, measured (×{ratio:.2f} from one load)" in shown
    most = largest_context(estimate_at, 1_200_000_000, ratio=ratio, limit=4096)
    assert most is not None and 2048 <= most < 4096
    assert (
        f"Largest context that fits\n{most:,} tokens, keeping the model wholly on the GPU (1.2 GB)"
        in shown
    )

    # Learned for good: another model of the same family and quantization is estimated
    # with the correction and says so; one of another quantization is not.
    store = MeasuredFitStore(default_measured_fit_path())
    learned = store.correction("llama/q4_K_M")
    assert learned is not None and learned.samples == 1 and learned.model == FIT
    assert abs(learned.ratio - ratio) < 1e-9
    keeping = pane.findChild(PerModelKeeping)
    keeping.available_ram = lambda: 8 * GB
    select(pane, SAME_KIND)
    await wait_until(lambda: "measured: corrected" in pane.details.view.toPlainText())
    next_need = format_bytes(round(estimate_at(4096).total_bytes * ratio))
    shown = pane.details.view.toPlainText()
    assert f"Needs about {next_need} at 4,096 tokens, measured: corrected ×{ratio:.2f}" in shown
    assert f"by one load of {FIT}" in shown
    assert "Largest context that fits free memory now: 4,096 tokens." in shown
    select(pane, OTHER_KIND)
    await wait_until(lambda: "Once the model is loaded" in pane.details.view.toPlainText())


async def test_a_model_loaded_again_with_another_context_is_measured_again(
    ollama_env, open_window, tiny_model_path
):
    publish(ollama_env, tiny_model_path)
    window = await open_models(open_window)
    pane = window.model_pane
    await wait_until(lambda: window.models.find(FIT) is not None)
    select(pane, FIT)
    loaded = ollama_env.store.get(ModelName.parse(FIT))
    ollama_env.mark_running(loaded, None, 8192, (1_300_000_000, 0))
    await wait_until(lambda: "8,192 tokens (0% on the GPU)" in pane.details.view.toPlainText())

    ollama_env.mark_running(loaded, None, 4096, (1_100_000_000, 0))  # a chat asked for less

    await wait_until(lambda: "4,096 tokens (0% on the GPU)" in pane.details.view.toPlainText())
    learned = MeasuredFitStore(default_measured_fit_path()).correction("llama/q4_K_M")
    assert learned is not None and learned.samples == 2
