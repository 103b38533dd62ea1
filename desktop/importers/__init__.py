"""Reading other apps' exports (ChatGPT, Claude, DeepSeek, Open WebUI) and Parley's own
JSON into conversations the history can import. Qt-free: the UI shows a preview and a
report; ``run.py`` drives a preview or an import on a worker thread.
"""
