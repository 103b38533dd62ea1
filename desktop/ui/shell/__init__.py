"""The window's frame: navigation, pages, status, shortcuts and the welcome."""
