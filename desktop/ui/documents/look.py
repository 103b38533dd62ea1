"""Style rules of the document library window and the document lists.

Qt style sheet text; the colour roles of desktop.ui.theme.Colors and the design tokens
fill ``{name}`` fields (literal braces are doubled).
"""

STYLE = """
QDialog#documentLibrary {{ background: {base}; }}
QWidget#librarySide {{ background: {window}; border-right: 1px solid {border}; }}
QWidget#libraryMain {{ background: {base}; }}
QListWidget#collectionList {{ background: transparent; border: none; outline: none; }}
QListWidget#collectionList::item {{ padding: 7px 8px; margin: 1px 0;
    border-radius: {radius_m}; color: {text}; }}
QListWidget#collectionList::item:hover {{ background: {hover}; }}
QListWidget#collectionList::item:selected {{ background: {selected};
    color: {selected_text}; }}
QListWidget#documentList {{ background: {base}; border: 1px solid {border};
    border-radius: {radius_l}; padding: {space_xs}; outline: none; }}
QListWidget#documentList::item {{ padding: 0 8px; margin: 1px 0;
    border-radius: {radius_m}; }}
QListWidget#documentList::item:hover {{ background: {hover}; }}
QListWidget#documentList::item:selected {{ background: {selected}; color: {selected_text}; }}
QLabel#dialogTitle {{ font-size: {font_title}; font-weight: 600; }}
QLabel#reembedCounts {{ font-weight: 600; }}
QToolButton#collectionsChooser {{ border: 1px solid {input_border};
    border-radius: {radius_s}; padding: 4px 10px; background: {base}; }}
QToolButton#collectionsChooser:hover {{ background: {hover}; }}
QToolButton#collectionsChooser:disabled {{ color: {muted}; }}
"""
