"""What keyword search indexes and asks for: words, and pairs of Chinese or Japanese
characters."""

from __future__ import annotations

from desktop.storage.search_terms import index_terms, keyword_query


def test_keyword_query_is_never_fts_syntax() -> None:
    """Quotes, operators and the commonest words never reach FTS5 as syntax or noise."""
    assert keyword_query('What is "NEAR" (x) AND y* -- descaling?') == '"near" OR "descaling"'
    assert keyword_query("?! what is it") == ""


def test_chinese_and_japanese_runs_become_overlapping_pairs() -> None:
    assert index_terms("上海天气") == " 上海 海天 天气 "
    assert index_terms("Ollama 在本地运行 Qwen3") == "Ollama  在本 本地 地运 运行  Qwen3"
    assert index_terms("東京タワー") == " 東京 京タ タワ ワー "
    assert index_terms("plain English, café") == "plain English, café"
    assert keyword_query("上海的天气？") == '"上海" OR "海的" OR "的天" OR "天气"'
