"""A job in a child process of Parley's, so the window stays responsive (no Qt here).

Pure-Python work in a thread of the app holds the interpreter lock the UI thread needs; a
child process has a lock of its own, and a library that crashes in it cannot take the app
down. :mod:`frames` is how the two ends talk, :mod:`child` how the child is started and
how it runs. The jobs themselves live with what they do (importers/worker.py,
documents/reader_process.py).
"""
