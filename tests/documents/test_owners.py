from desktop.documents.owners import owners_for


def test_an_answer_draws_on_its_conversation_folder_and_collections() -> None:
    assert owners_for(7, 3, ["work"]) == ["conversation:7", "folder:3", "collection:work"]


def test_a_conversation_outside_folders_draws_on_its_own_documents() -> None:
    assert owners_for(7) == ["conversation:7"]


def test_a_conversation_keeps_the_collections_it_draws_on() -> None:
    from desktop.core.chat_parameters import ChatParameters

    kept = ChatParameters(collections=("work", "papers")).to_json()
    assert ChatParameters.from_json(kept).collections == ("work", "papers")
    assert ChatParameters.from_json('{"collections": [1]}').collections is None
