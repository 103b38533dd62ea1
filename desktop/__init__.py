"""Parley: a desktop chat client for local and cloud language models."""

__version__ = "0.1.0"
APP_NAME = "Parley"
