"""Style rules of the Tools page.

Qt style sheet text; the colour roles of desktop.ui.theme.Colors and the design tokens
fill ``{name}`` fields (literal braces are doubled).
"""

STYLE = """
QWidget#toolsPage {{ background: {base}; }}
QLabel#toolsTitle {{ font-size: {font_heading}; font-weight: 600; }}
QLabel#toolsSubtitle, QLabel#serverIdentity, QLabel#toolDescription, QLabel#toolsHint,
QLabel#serverMeta {{ color: {muted}; }}
QListWidget#serverList {{ background: {window}; border: 1px solid {border};
    border-radius: {radius_l}; padding: {space_xs}; outline: none; }}
QListWidget#serverList::item {{ border-radius: {radius_m}; margin: 1px 0; }}
QListWidget#serverList::item:hover {{ background: {hover}; }}
QListWidget#serverList::item:selected {{ background: {selected}; }}
QLabel#serverName {{ font-weight: 600; }}
QLabel#stateDot {{ border-radius: 4px; background: {muted}; }}
QLabel#stateDot[state="running"] {{ background: {success}; }}
QLabel#stateDot[state="starting"] {{ background: {caution}; }}
QLabel#stateDot[state="failed"] {{ background: {warning}; }}
QLabel#stateWords[state="running"] {{ color: {success}; }}
QLabel#stateWords[state="failed"] {{ color: {warning}; }}
QLabel#stateWords[state="starting"] {{ color: {caution}; }}
QLabel#stateWords[state="stopped"] {{ color: {muted}; }}
QFrame#serverDetail {{ background: {base}; border: 1px solid {border};
    border-radius: {radius_l}; }}
QLabel#detailName {{ font-size: {font_title}; font-weight: 600; }}
QFrame#serverProblem {{ background: {warning_bg}; border: 1px solid {warning};
    border-radius: {radius_m}; }}
QListView#toolList {{ background: transparent; border: none; outline: none; }}
QFrame#toolDetail {{ background: {window}; border: 1px solid {border};
    border-radius: {radius_m}; }}
QScrollArea#toolDescriptionArea, QScrollArea#toolDescriptionArea > QWidget > QWidget {{
    background: transparent; }}
QLabel#toolName {{ font-family: monospace; font-weight: 600; }}
QLabel#toolBadge {{ color: {success}; border: 1px solid {success}; border-radius: {radius_s};
    padding: 0 6px; font-size: {font_caption}; }}
QPlainTextEdit#toolSchema, QPlainTextEdit#serverLog {{ font-family: monospace;
    background: {alternate}; border: 1px solid {border}; border-radius: {radius_m}; }}
QFrame#toolsEmpty {{ background: {window}; border: 1px dashed {input_border};
    border-radius: {radius_l}; }}
QLabel#emptyTitle {{ font-size: {font_title}; font-weight: 600; }}
QFrame#toolsNotice {{ background: {selected}; border-radius: {radius_m}; }}
QFrame#toolsNotice[kind="problem"] {{ background: {warning_bg}; }}
QLabel#dialogProblem {{ color: {warning}; }}
"""
