"""The Models page: installed models, details, downloads, what is loaded."""
