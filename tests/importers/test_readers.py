"""Each app's export read and imported: branches, pictures, code, Chinese, odd parts."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from desktop.core.messages import Role
from desktop.importers.model import SourceApp
from desktop.importers.run import Progress, import_export, preview
from desktop.storage.history import HistoryStore
from tests.importers import samples
from tests.importers.helpers import shown


def test_chatgpt_preview_counts_what_the_export_holds(store: HistoryStore, tmp_path: Path) -> None:
    found = preview(samples.chatgpt_export(tmp_path), store.path, Progress())
    assert found.app is SourceApp.CHATGPT
    assert (found.conversations, found.messages, found.images) == (2, 8, 2)
    assert found.first == datetime.fromtimestamp(samples.T0, UTC)
    assert found.last == datetime.fromtimestamp(samples.T0 + 86_500, UTC)
    assert found.notes == [
        (
            "Branches and code",
            (
                "image not in the export",
                "attachment 报告.pdf",
                "tether_browsing_display",
                "future_widget",
            ),
        )
    ]
    ((title, problem),) = found.problems
    assert title == "Broken one" and "mapping" in str(problem)
    assert store.list_conversations() == []  # a preview writes nothing


def test_chatgpt_tree_becomes_parley_branches(store: HistoryStore, tmp_path: Path) -> None:
    report = import_export(samples.chatgpt_export(tmp_path), store.path, Progress())
    assert (report.added, report.messages, report.present) == (2, 8, 0)
    path = shown(store, "Branches and code")
    assert [(role, versions) for role, _, versions in path] == [
        (Role.USER, 1),
        (Role.ASSISTANT, 2),  # regenerated: the older answer is the other version
        (Role.USER, 2),  # the question was edited
        (Role.ASSISTANT, 1),
    ]
    question, answer, edited, last = (content for _, content, _ in path)
    assert question.startswith("这张图片里有什么？Sort these numbers")
    assert "image not in the export" in question and "file-Gone" in question
    # the code call, its output and the answer after it are one answer
    assert answer == "```python\nprint(sorted([3, 1]))\n```\n\n```\n[1, 3]\n```\n\n排序完成: [1, 3]"
    assert edited.startswith("Second wording\n\n*Kept from the export (attachment 报告.pdf):*")
    assert "tether_browsing_display" in last and '"future_widget"' in last
    (conversation,) = [c for c in store.list_conversations() if c.title == "Branches and code"]
    first = store.active_path(conversation.id)[0].message
    (digest,) = first.images
    picture = store.image(digest)
    assert picture is not None and picture.data == samples.PNG
    assert store.active_path(conversation.id)[1].message.model == "gpt-4o"
    assert store.search("排序")[0].conversation_title == "Branches and code"
    assert conversation.created_at == datetime.fromtimestamp(samples.T0, UTC)


def test_importing_the_same_export_twice_adds_nothing(store: HistoryStore, tmp_path: Path) -> None:
    export = samples.chatgpt_export(tmp_path)
    import_export(export, store.path, Progress())
    assert preview(export, store.path, Progress()).present == 2
    again = import_export(export, store.path, Progress())
    assert (again.added, again.present) == (0, 2)
    assert len(store.list_conversations()) == 2
    # a conversation deleted since is brought back by the next import
    doomed = store.list_conversations()[0]
    store.delete_conversation(doomed.id)
    third = import_export(export, store.path, Progress())
    assert (third.added, third.present) == (1, 1)
    assert sorted(c.title for c in store.list_conversations()) == sorted(
        ["Branches and code", "Plain one"]
    )


def test_claude_export_keeps_branches_thinking_and_attachments(
    store: HistoryStore, tmp_path: Path
) -> None:
    found = preview(samples.claude_export(tmp_path), store.path, Progress())
    assert (found.app, found.conversations, found.messages) == (SourceApp.CLAUDE, 1, 3)
    assert found.problems[0][0] == "Broken"
    import_export(samples.claude_export(tmp_path), store.path, Progress())
    (question, q_versions), (answer, a_versions) = [
        (content, versions) for _, content, versions in shown(store, "克劳德 and code")
    ]
    assert q_versions == 1 and a_versions == 2  # the retry is the shown version
    assert "Summarise the file" in question and "hello" in question  # extracted text
    assert "photo.png, not in the export" in question
    assert answer.startswith("```js\nconsole.log(1)\n```")
    assert "web_search" in answer and "hologram" in answer
    (conversation,) = store.list_conversations()
    assert store.active_path(conversation.id)[1].message.thinking == "Let me think"


def test_deepseek_export_keeps_thinking_and_the_newest_answer(
    store: HistoryStore, tmp_path: Path
) -> None:
    report = import_export(samples.deepseek_export(tmp_path), store.path, Progress())
    assert report.app is SourceApp.DEEPSEEK and report.notes == [("深度求索", ("search",))]
    (conversation,) = store.list_conversations()
    question, answer = store.active_path(conversation.id)
    assert question.message.content == "你好"
    assert answer.message.content.endswith("你好！`code`")
    assert answer.message.thinking == "想一想"
    assert answer.message.model == "deepseek-reasoner" and len(answer.sibling_ids) == 2


def test_open_webui_export_keeps_the_current_branch_and_pictures(
    store: HistoryStore, tmp_path: Path
) -> None:
    found = preview(samples.open_webui_export(tmp_path), store.path, Progress())
    assert (found.app, found.messages, found.images) == (SourceApp.OPEN_WEBUI, 3, 1)
    import_export(samples.open_webui_export(tmp_path), store.path, Progress())
    (conversation,) = store.list_conversations()
    assert conversation.system_prompt == "Be brief"
    question, answer = store.active_path(conversation.id)
    assert question.message.content.startswith("画一只猫 and explain")
    assert "doc.pdf" in question.message.content  # a file it cannot show, kept as a note
    assert len(question.message.images) == 1
    assert answer.message.content == "first"  # currentId pointed at the first answer
    other = store.get_message(max(answer.sibling_ids))
    assert other.thinking == "A cat.\nSmall."
    assert other.content == "```python\nprint('猫')\n```"


def test_parley_json_goes_through_the_same_import(store: HistoryStore, tmp_path: Path) -> None:
    from desktop.core.conversation_export import exported, to_json

    chat = store.create_conversation("Mine", "m")
    store.add_message(chat.id, Role.USER, "question")
    store.add_message(chat.id, Role.ASSISTANT, "answer")
    messages = store.messages(chat.id)
    document = to_json(exported(chat, messages, [m.id for m in messages]))
    path = tmp_path / "mine.json"
    path.write_text(document, encoding="utf-8")
    found = preview(path, store.path, Progress())
    assert (found.app, found.conversations, found.messages) == (SourceApp.PARLEY, 1, 2)
    assert import_export(path, store.path, Progress()).added == 1
    assert import_export(path, store.path, Progress()).present == 1
    assert [c.title for c in store.list_conversations()] == ["Mine", "Mine"]
    newer = json.loads(document) | {"version": 99}
    path.write_text(json.dumps(newer), encoding="utf-8")
    ((_, problem),) = preview(path, store.path, Progress()).problems
    assert "newer Parley" in str(problem)
