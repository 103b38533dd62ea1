"""Take the README screenshots: every page (Chats, Models, Tools, Settings) at 1180x760,
in light and dark, in English and Chinese.

Each shot is a real window with real services, talking to the scripted Ollama test server
on 127.0.0.1, after a real exchange (question sent, answer streamed and saved); the Tools
page shows the tests' MCP server, started over stdio.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.storage.settings import SettingsStore, default_settings_path  # noqa: E402
from desktop.ui.event_loop import make_event_loop  # noqa: E402
from tests.servers.scripted_ollama import ScriptedModel, ScriptedOllama  # noqa: E402

MODELS = (
    ScriptedModel("qwen3:4b", ("completion", "thinking", "tools")),
    ScriptedModel("llama3.2:3b", ("completion", "tools")),
    ScriptedModel("gemma3:4b", ("completion", "vision")),
    ScriptedModel("hf.co/unsloth/Qwen3-30B-A3B-Instruct-2507-GGUF:Q4_K_M", ("completion",)),
    ScriptedModel("nomic-embed-text:latest", ("embedding",)),
)
PAGES = ("chats", "models", "discover", "tools", "settings")
MCP_SERVER = ROOT / "tests" / "servers" / "mcp_test_server.py"
EXCHANGES = {
    "en": [
        ("Plan a weekend in Lisbon", "Day one: Alfama and the castle at sunset. Day two: Belém."),
        ("Explain recursion to a child", "It is a story that contains a smaller copy of itself."),
        (
            "How do I read a file line by line in Python?",
            "Open it with a `with` block and loop over the file object — it yields one line "
            "at a time, so even huge files use little memory:\n\n"
            '```python\nwith open("notes.txt", encoding="utf-8") as file:\n'
            "    for number, line in enumerate(file, start=1):\n"
            "        print(number, line.rstrip())\n```\n\n"
            "- `rstrip()` drops the newline at the end of each line.\n"
            "- The file is closed for you when the block ends. ✅\n\n"
            "Reading $n$ lines takes time $O(n)$ and memory $O(1)$.",
        ),
    ],
    "zh_CN": [
        ("周末去杭州怎么安排？", "第一天游西湖，第二天去灵隐寺和龙井村喝茶。"),
        ("给孩子解释什么是递归", "递归就像一个故事里面又讲了一个更小的同样的故事。"),
        (
            "如何在 Python 中逐行读取文件？",
            "用 `with` 打开文件，然后直接遍历文件对象——它每次只读一行，"
            "即使文件很大也几乎不占内存：\n\n"
            '```python\nwith open("notes.txt", encoding="utf-8") as file:\n'
            "    for number, line in enumerate(file, start=1):\n"
            "        print(number, line.rstrip())\n```\n\n"
            "- `rstrip()` 会去掉每行末尾的换行符。\n"
            "- 代码块结束时文件会自动关闭。✅\n\n"
            "读取 $n$ 行的时间是 $O(n)$，内存是 $O(1)$。",
        ),
    ],
}
FOLDER = {"en": "Travel", "zh_CN": "旅行"}
"""A folder holding the first exchange (a trip plan), open in the Chats shot."""
THINKING = {
    "en": ["The person wants a short, safe pattern."],
    "zh_CN": ["用户想要一个简短可靠的写法。"],
}


async def shoot(
    language: str, theme: str, out: Path, server: ScriptedOllama, hub_url: str
) -> list[Path]:
    from desktop.app import AppServices
    from tests.ui.conftest import wait_until

    with tempfile.TemporaryDirectory() as scratch:
        os.environ["PARLEY_CONFIG_DIR"] = f"{scratch}/config"
        os.environ["PARLEY_DATA_DIR"] = f"{scratch}/data"
        store = SettingsStore(default_settings_path())
        settings = store.load()
        settings.language, settings.theme = language, theme
        store.save(settings)
        services = AppServices.create()
        window = services.build_window()
        window.resize(1180, 760)
        window.show()
        pane = window.chat_pane
        await wait_until(lambda: "qwen3:4b" in pane.available_models())
        pane.set_model("qwen3:4b")
        for index, (question, answer) in enumerate(EXCHANGES[language]):
            if index:
                pane.new_conversation()
            last = index == len(EXCHANGES[language]) - 1
            server.script(list(answer), thinking=THINKING[language] if last else None)
            pane.composer.setPlainText(question)
            pane.send()
            await wait_until(lambda: not pane.streaming)
            if index == 0:
                trip = pane.conversation_id
        folders = services.history.folders
        travel = folders.create(FOLDER[language]).id
        folders.move_conversation(trip, travel)
        pane.composer.clear()
        window.refresh_conversations()
        listed = window.conversation_sidebar.list
        await wait_until(lambda: listed.model_.folder_row(travel) is not None)
        listed.set_expanded(travel, True)
        await start_mcp_server(services)
        shots = []
        tag = f"{language.replace('_', '-').lower()}-{theme}"
        for page in PAGES:
            if page == "discover":
                await open_discover(window, hub_url)
            else:
                window.show_page(page)
            if page == "models":
                await wait_until(lambda: window.model_pane.installed.select("qwen3:4b"))
            if page == "tools":
                window.show_page("tools").servers.choose("weather")  # type: ignore[attr-defined]
            await asyncio.sleep(1.0)
            path = out / f"{page}-{tag}.png"
            window.grab().save(str(path))
            shots.append(path)
        window.close()
        await services.aclose()
    return shots


async def open_discover(window: object, hub_url: str) -> None:
    """Models → Discover, searching the tests' loopback Hub (never the network), with the
    first repo opened and its Q4_K_M chosen."""
    from desktop.core.hub_files import MachineMemory
    from desktop.services.hub_search import HubSearch
    from desktop.services.library_registry import LibraryRegistry
    from tests.ui.conftest import wait_until

    pane = window.show_page("models")  # type: ignore[attr-defined]
    section = pane.discover
    section.machine = MachineMemory(ram=16 * 1_000_000_000, vram=8 * 1_000_000_000)
    section.registry = LibraryRegistry("http://127.0.0.1:9")
    section.set_hub(HubSearch(hub_url))
    section.switch.choose(1)
    page = section.page
    await wait_until(lambda: page.results.results.rowCount() > 0)
    page.results.select_row(0)
    await wait_until(lambda: page.detail.choices.topLevelItemCount() > 0)


async def start_mcp_server(services: object) -> None:
    from desktop.tools.server_config import ServerConfig, Transport

    tools = services.tools  # type: ignore[attr-defined]
    await tools.save_server(
        ServerConfig("weather", Transport.STDIO, command=sys.executable, args=(str(MCP_SERVER),))
    )
    await tools.ensure_started("weather")


async def main(out: Path) -> None:
    from tests.servers.hf_server import sample_hub

    server = ScriptedOllama(MODELS).start()
    hub = sample_hub(extra=6)
    os.environ["OLLAMA_HOST"] = server.url
    try:
        for language in ("en", "zh_CN"):
            for theme in ("light", "dark"):
                print(*await shoot(language, theme, out, server, hub.url), sep="\n")
    finally:
        hub.stop()
        server.stop()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "resources" / "screenshots"
    target.mkdir(parents=True, exist_ok=True)  # QPixmap.save into a missing folder says nothing
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    loop = make_event_loop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(main(target))
