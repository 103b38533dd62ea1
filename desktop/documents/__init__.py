"""Documents a person asks about: text out of files, chunks along their structure.

Qt-free (an import-linter contract says so): extraction runs in a child process, the
index (desktop/storage/document_store.py) keeps chunks, vectors and full text.
"""
