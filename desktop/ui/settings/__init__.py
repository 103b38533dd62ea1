"""The Settings page and its sections (built when first shown)."""
