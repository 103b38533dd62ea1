"""The answer renderer: markdown blocks, code, pages drawn in frames."""
