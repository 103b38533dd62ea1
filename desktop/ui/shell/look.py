"""Style rules of the window's frame: rail, status, welcome.

Qt style sheet text; the colour roles of desktop.ui.theme.Colors fill ``{name}`` fields
(literal braces are doubled).
"""

STYLE = """
"""
