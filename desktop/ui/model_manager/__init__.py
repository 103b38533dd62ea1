"""The model manager pane and its parts."""

from desktop.ui.model_manager.pane import ModelManagerPane

__all__ = ["ModelManagerPane"]
