"""Reading other apps' exports (ChatGPT, Claude, DeepSeek, Open WebUI) and Parley's own
JSON into conversations the history can import. Qt-free: the UI shows a preview and a
report; ``run.py`` drives a preview or an import, ``worker.py`` runs it in a process of
its own (in a thread it held the interpreter lock the window needs).
"""
