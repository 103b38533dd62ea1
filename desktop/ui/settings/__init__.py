"""The settings window and its parts."""

from desktop.ui.settings.settings_window import SettingsWindow

__all__ = ["SettingsWindow"]
