"""Every kind of service a person may connect, as data.

A preset fills in a new provider's settings: the protocol family, the base URL (with
``{placeholders}`` the person must fill in, such as an Azure resource or an AWS
region), how the key travels, how models are listed, and which models see images.
Base URLs are the ones each vendor documents for its OpenAI-compatible (or native)
API; ``docs_url`` points at that page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from fnmatch import fnmatchcase

from desktop.core.provider_config import AuthStyle, ProviderConfig, ProviderFamily
from desktop.core.text import QT_TRANSLATE_NOOP

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class Listing(StrEnum):
    """How the model picker learns a provider's models."""

    ENDPOINT = "endpoint"  # the family's list call (/models, /v1/models, /api/tags)
    STATIC = "static"  # the preset's suggestions plus the names the person typed


@dataclass(frozen=True, slots=True)
class Preset:
    id: str
    name: str
    family: ProviderFamily
    base_url: str
    auth: AuthStyle
    needs_key: bool
    docs_url: str
    listing: Listing = Listing.ENDPOINT
    models: tuple[str, ...] = ()
    """Suggested model names (the whole list when ``listing`` is STATIC)."""
    vision: tuple[str, ...] = ()
    """fnmatch patterns (case-insensitive) of model names that accept images."""
    blind: tuple[str, ...] = ()
    """Patterns that do not, checked before ``vision``."""
    local: bool = False
    """Runs on this machine or network (listed first in the model picker)."""

    @property
    def placeholders(self) -> tuple[str, ...]:
        """Names in ``{braces}`` the person must fill in before the URL works."""
        return tuple(dict.fromkeys(PLACEHOLDER.findall(self.base_url)))


def fill_placeholders(url: str, values: dict[str, str]) -> str:
    """``url`` with each ``{name}`` replaced; names without a value stay as they are."""
    return PLACEHOLDER.sub(lambda match: values.get(match[1], match[0]), url)


def unfilled(url: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(PLACEHOLDER.findall(url)))


OPENAI_VISION = (
    "gpt-4o*",
    "chatgpt-4o*",
    "gpt-4.1*",
    "gpt-4-turbo*",
    "gpt-4-vision*",
    "gpt-5*",
    "o1",
    "o1-2*",
    "o3",
    "o3-2*",
    "o3-pro*",
    "o4-mini*",
)
GENERIC_VISION = (
    "*vision*",
    "*-vl*",
    "*vl-*",
    "*llava*",
    "*gpt-4o*",
    "*gpt-4.1*",
    "*gpt-5*",
    "*claude*",
    "*gemini*",
    "*gemma-3*",
    "*gemma3*",
    "*pixtral*",
    "*llama-4*",
    "*llama4*",
    "*minicpm-v*",
    "*moondream*",
    "*qwen2.5vl*",
    "*mistral-small3.1*",
)
GENERIC_BLIND = ("*gpt-oss*", "*embed*")

PRESETS: tuple[Preset, ...] = (
    Preset(
        "openai",
        "OpenAI",
        ProviderFamily.OPENAI_COMPAT,
        "https://api.openai.com/v1",
        AuthStyle.BEARER,
        True,
        "https://platform.openai.com/docs/api-reference/chat",
        models=("gpt-4.1", "gpt-4o", "gpt-4o-mini", "o4-mini"),
        vision=OPENAI_VISION,
        blind=("*-mini-tts*", "*audio*", "*realtime*", "*search*", "o1-mini*", "o3-mini*"),
    ),
    Preset(
        "anthropic",
        "Anthropic",
        ProviderFamily.ANTHROPIC,
        "https://api.anthropic.com",
        AuthStyle.X_API_KEY,
        True,
        "https://docs.anthropic.com/en/api/messages",
        vision=("claude-*",),
        blind=("claude-2*", "claude-instant*"),
    ),
    Preset(
        "gemini",
        "Google Gemini",
        ProviderFamily.OPENAI_COMPAT,
        "https://generativelanguage.googleapis.com/v1beta/openai",
        AuthStyle.BEARER,
        True,
        "https://ai.google.dev/gemini-api/docs/openai",
        models=("gemini-2.5-flash", "gemini-2.5-pro"),
        vision=("gemini-*", "gemma-3*"),
        blind=("*embedding*", "*tts*", "*imagen*", "*veo*"),
    ),
    Preset(
        "azure",
        "Azure OpenAI",
        ProviderFamily.AZURE,
        "https://{resource}.openai.azure.com",
        AuthStyle.API_KEY,
        True,
        "https://learn.microsoft.com/azure/ai-foundry/openai/reference",
        listing=Listing.STATIC,
        vision=("*gpt-4o*", "*gpt-4.1*", "*gpt-5*", "*o3*", "*o4-mini*", "*vision*"),
        blind=("*o3-mini*", "*o1-mini*"),
    ),
    Preset(
        "deepseek",
        "DeepSeek",
        ProviderFamily.OPENAI_COMPAT,
        "https://api.deepseek.com",
        AuthStyle.BEARER,
        True,
        "https://api-docs.deepseek.com/",
        models=("deepseek-chat", "deepseek-reasoner"),
    ),
    Preset(
        "dashscope",
        QT_TRANSLATE_NOOP("core", "Qwen (Alibaba Cloud DashScope)"),
        ProviderFamily.OPENAI_COMPAT,
        "https://dashscope.aliyuncs.com/compatible-mode/v1",
        AuthStyle.BEARER,
        True,
        "https://help.aliyun.com/zh/model-studio/compatibility-of-openai-with-dashscope",
        models=("qwen-plus", "qwen-max", "qwen-turbo", "qwen-vl-max"),
        vision=("qwen-vl*", "qwen*-vl*", "qvq*", "qwen*-omni*"),
    ),
    Preset(
        "zhipu",
        "Zhipu GLM",
        ProviderFamily.OPENAI_COMPAT,
        "https://open.bigmodel.cn/api/paas/v4",
        AuthStyle.BEARER,
        True,
        "https://docs.bigmodel.cn/",
        models=("glm-4.5", "glm-4.5-air", "glm-4.5v", "glm-4-flash"),
        vision=("glm-4v*", "glm-4.*v*", "glm-*v-*"),
    ),
    Preset(
        "moonshot",
        "Moonshot Kimi",
        ProviderFamily.OPENAI_COMPAT,
        "https://api.moonshot.ai/v1",
        AuthStyle.BEARER,
        True,
        "https://platform.moonshot.ai/docs",
        models=("kimi-k2-0905-preview", "moonshot-v1-8k", "moonshot-v1-8k-vision-preview"),
        vision=("*vision*", "kimi-latest*", "kimi-thinking*"),
    ),
    Preset(
        "volcengine",
        QT_TRANSLATE_NOOP("core", "Volcengine Ark (Doubao)"),
        ProviderFamily.OPENAI_COMPAT,
        "https://ark.cn-beijing.volces.com/api/v3",
        AuthStyle.BEARER,
        True,
        "https://www.volcengine.com/docs/82379",
        models=("doubao-seed-1-6-250615", "doubao-1-5-pro-32k-250115"),
        vision=("*vision*", "doubao-seed-1-6*", "doubao-1.5-vision*", "doubao-1-5-vision*"),
    ),
    Preset(
        "siliconflow",
        "SiliconFlow",
        ProviderFamily.OPENAI_COMPAT,
        "https://api.siliconflow.cn/v1",
        AuthStyle.BEARER,
        True,
        "https://docs.siliconflow.cn/",
        vision=("*-vl-*", "*-vl", "*vl2*", "*qvq*", "*glm-4*v*"),
    ),
    Preset(
        "groq",
        "Groq",
        ProviderFamily.OPENAI_COMPAT,
        "https://api.groq.com/openai/v1",
        AuthStyle.BEARER,
        True,
        "https://console.groq.com/docs/openai",
        vision=("meta-llama/llama-4-*", "*vision*"),
        blind=("whisper*", "*tts*", "*guard*"),
    ),
    Preset(
        "openrouter",
        "OpenRouter",
        ProviderFamily.OPENAI_COMPAT,
        "https://openrouter.ai/api/v1",
        AuthStyle.BEARER,
        True,
        "https://openrouter.ai/docs/quickstart",
        vision=(
            "openai/gpt-4o*",
            "openai/gpt-4.1*",
            "openai/gpt-5*",
            "openai/o3*",
            "openai/o4-mini*",
            "anthropic/claude-*",
            "google/gemini-*",
            "google/gemma-3*",
            "meta-llama/llama-4*",
            "x-ai/grok-4*",
            "mistralai/pixtral*",
            "mistralai/mistral-medium*",
            "*vision*",
            "*-vl-*",
        ),
        blind=("openai/o3-mini*", "anthropic/claude-2*", "anthropic/claude-instant*"),
    ),
    Preset(
        "mistral",
        "Mistral",
        ProviderFamily.OPENAI_COMPAT,
        "https://api.mistral.ai/v1",
        AuthStyle.BEARER,
        True,
        "https://docs.mistral.ai/api/",
        vision=("pixtral*", "mistral-medium*", "mistral-small*"),
        blind=("mistral-embed*", "*moderation*", "*ocr*"),
    ),
    Preset(
        "xai",
        "xAI",
        ProviderFamily.OPENAI_COMPAT,
        "https://api.x.ai/v1",
        AuthStyle.BEARER,
        True,
        "https://docs.x.ai/docs/api-reference",
        vision=("grok-*vision*", "grok-4*"),
        blind=("grok-*image*",),
    ),
    Preset(
        "together",
        "Together AI",
        ProviderFamily.OPENAI_COMPAT,
        "https://api.together.xyz/v1",
        AuthStyle.BEARER,
        True,
        "https://docs.together.ai/docs/openai-api-compatibility",
        vision=("*vision*", "*-vl-*", "meta-llama/llama-4*"),
    ),
    Preset(
        "huggingface",
        QT_TRANSLATE_NOOP("core", "Hugging Face router"),
        ProviderFamily.OPENAI_COMPAT,
        "https://router.huggingface.co/v1",
        AuthStyle.BEARER,
        True,
        "https://huggingface.co/docs/inference-providers/index",
        vision=("*vision*", "*-vl-*", "meta-llama/llama-4*", "google/gemma-3*"),
    ),
    Preset(
        "bedrock",
        QT_TRANSLATE_NOOP("core", "AWS Bedrock (OpenAI-compatible)"),
        ProviderFamily.OPENAI_COMPAT,
        "https://bedrock-runtime.{region}.amazonaws.com/openai/v1",
        AuthStyle.BEARER,
        True,
        "https://docs.aws.amazon.com/bedrock/latest/userguide/inference-chat-completions.html",
        listing=Listing.STATIC,
        models=("openai.gpt-oss-20b-1:0", "openai.gpt-oss-120b-1:0"),
        vision=("*vision*", "*-vl-*"),
        blind=GENERIC_BLIND,
    ),
    Preset(
        "vertex",
        QT_TRANSLATE_NOOP("core", "Google Vertex AI (OpenAI-compatible)"),
        ProviderFamily.OPENAI_COMPAT,
        "https://{location}-aiplatform.googleapis.com/v1/projects/{project}/locations/{location}"
        "/endpoints/openapi",
        AuthStyle.BEARER,
        True,
        "https://cloud.google.com/vertex-ai/generative-ai/docs/multimodal/call-vertex-using-openai-library",
        listing=Listing.STATIC,
        models=("google/gemini-2.5-flash", "google/gemini-2.5-pro"),
        vision=("google/gemini-*",),
    ),
    Preset(
        "lmstudio",
        "LM Studio",
        ProviderFamily.OPENAI_COMPAT,
        "http://localhost:1234/v1",
        AuthStyle.NONE,
        False,
        "https://lmstudio.ai/docs/app/api/endpoints/openai",
        vision=GENERIC_VISION,
        blind=GENERIC_BLIND,
        local=True,
    ),
    Preset(
        "vllm",
        "vLLM",
        ProviderFamily.OPENAI_COMPAT,
        "http://localhost:8000/v1",
        AuthStyle.BEARER,
        False,
        "https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html",
        vision=GENERIC_VISION,
        blind=GENERIC_BLIND,
        local=True,
    ),
    Preset(
        "llamacpp",
        "llama.cpp (llama-server)",
        ProviderFamily.OPENAI_COMPAT,
        "http://127.0.0.1:8080/v1",
        AuthStyle.BEARER,
        False,
        "https://github.com/ggml-org/llama.cpp/blob/master/tools/server/README.md",
        vision=GENERIC_VISION,
        blind=GENERIC_BLIND,
        local=True,
    ),
    Preset(
        "textgen-webui",
        "Text Generation WebUI",
        ProviderFamily.OPENAI_COMPAT,
        "http://127.0.0.1:5000/v1",
        AuthStyle.BEARER,
        False,
        "https://github.com/oobabooga/text-generation-webui/wiki/12-%E2%80%90-OpenAI-API",
        vision=GENERIC_VISION,
        blind=GENERIC_BLIND,
        local=True,
    ),
    Preset(
        "litellm",
        QT_TRANSLATE_NOOP("core", "LiteLLM proxy"),
        ProviderFamily.OPENAI_COMPAT,
        "http://localhost:4000/v1",
        AuthStyle.BEARER,
        True,  # current LiteLLM proxies refuse to start without a master key
        "https://docs.litellm.ai/docs/proxy/quick_start",
        vision=GENERIC_VISION,
        blind=GENERIC_BLIND,
        local=True,
    ),
    Preset(
        "one-api",
        "One API / New API",
        ProviderFamily.OPENAI_COMPAT,
        "http://localhost:3000/v1",
        AuthStyle.BEARER,
        True,
        "https://github.com/QuantumNous/new-api",
        vision=GENERIC_VISION,
        blind=GENERIC_BLIND,
        local=True,
    ),
    Preset(
        "ollama-openai",
        QT_TRANSLATE_NOOP("core", "Ollama (OpenAI-compatible /v1)"),
        ProviderFamily.OPENAI_COMPAT,
        "http://localhost:11434/v1",
        AuthStyle.NONE,
        False,
        "https://docs.ollama.com/api/openai-compatibility",
        vision=(*GENERIC_VISION, "*bakllava*", "*granite3.2-vision*", "*qwen3-vl*"),
        blind=GENERIC_BLIND,
        local=True,
    ),
    Preset(
        "ollama",
        "Ollama",
        ProviderFamily.OLLAMA,
        "http://localhost:11434",
        AuthStyle.NONE,
        False,
        "https://docs.ollama.com/api",
        vision=(*GENERIC_VISION, "*bakllava*", "*granite3.2-vision*", "*qwen3-vl*"),
        blind=GENERIC_BLIND,
        local=True,
    ),
    Preset(
        "custom",
        QT_TRANSLATE_NOOP("core", "Custom (OpenAI-compatible)"),
        ProviderFamily.OPENAI_COMPAT,
        "",
        AuthStyle.BEARER,
        False,
        "https://platform.openai.com/docs/api-reference/chat",
        vision=GENERIC_VISION,
        blind=GENERIC_BLIND,
    ),
)

_BY_ID = {preset.id: preset for preset in PRESETS}
CUSTOM = _BY_ID["custom"]


def preset_by_id(preset_id: str) -> Preset:
    """The preset named ``preset_id``; KeyError names the known ones."""
    try:
        return _BY_ID[preset_id]
    except KeyError:
        known = ", ".join(_BY_ID)
        raise KeyError(f"no provider preset {preset_id!r}; known presets: {known}") from None


def _matches(model: str, patterns: tuple[str, ...]) -> bool:
    name = model.lower()
    return any(fnmatchcase(name, pattern.lower()) for pattern in patterns)


def sees_images(model: str, preset: Preset, config: ProviderConfig | None = None) -> bool:
    """Whether ``model`` accepts images: the person's patterns first, then the preset's."""
    if config is not None:
        if _matches(model, config.blind_models):
            return False
        if _matches(model, config.vision_models):
            return True
    if _matches(model, preset.blind):
        return False
    return _matches(model, preset.vision)
