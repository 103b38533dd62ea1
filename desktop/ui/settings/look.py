"""Style rules of the Settings page.

Qt style sheet text; the colour roles of desktop.ui.theme.Colors fill ``{name}`` fields
(literal braces are doubled).
"""

STYLE = """
"""
