"""Style rules of the Settings page.

Qt style sheet text; the colour roles of desktop.ui.theme.Colors fill ``{name}`` fields
(literal braces are doubled).
"""

STYLE = """
QWidget#settingsPage {{ background: {base}; }}
QScrollArea#settingsScroll > QWidget#qt_scrollarea_viewport {{ background: {base}; }}
QFrame#providerPane {{ background: {base}; border: 1px solid {border};
    border-radius: {radius_l}; }}
QListWidget#settingsNav {{ background: {window}; border: none; border-right: 1px solid {border};
    padding: {space_s}; outline: none; }}
QListWidget#settingsNav::item {{ padding: 7px 10px; margin: 1px 0; border-radius: {radius_m};
    color: {text}; }}
QListWidget#settingsNav::item:hover {{ background: {hover}; }}
QListWidget#settingsNav::item:selected {{ background: {selected}; color: {selected_text}; }}
QLabel#sectionTitle {{ font-size: {font_heading}; font-weight: 600; }}
QLabel#sectionSubtitle {{ color: {muted}; }}
QLabel#groupTitle {{ font-weight: 600; }}
QFrame#settingsCard {{ background: {base}; border: 1px solid {border};
    border-radius: {radius_l}; }}
QFrame#actionBar {{ border-top: 1px solid {border}; background: {base}; }}
QListWidget#providerList {{ border: 1px solid {border}; border-radius: {radius_m};
    background: {base}; padding: {space_xs}; outline: none; }}
QListWidget#providerList::item {{ padding: 6px 6px; border-radius: {radius_s}; }}
QListWidget#providerList::item:hover {{ background: {hover}; }}
QListWidget#providerList::item:selected {{ background: {selected}; color: {selected_text}; }}
QLabel#providerKind {{ color: {muted}; }}
QLabel#keyState, QLabel#fieldHint {{ color: {muted}; }}
QLabel#testResult[state="ok"] {{ color: {success}; }}
QLabel#testResult[state="error"] {{ color: {warning}; }}
QLabel#testResult[state="busy"], QLabel#testResult[state="stale"] {{ color: {muted}; }}
QFrame#keyringNotice {{ background: {warning_bg}; border: 1px solid {warning};
    border-radius: {radius_m}; }}
QFrame#keyringNotice QLabel {{ color: {text}; }}
QLabel#keyringDetails {{ color: {muted}; font-family: monospace; }}
QLabel#keyringOk {{ color: {muted}; }}
QFrame#confirmBar {{ background: {warning_bg}; border: 1px solid {warning};
    border-radius: {radius_m}; }}
QLabel#shortcutKeyCap {{ font-family: monospace; background: {alternate};
    border: 1px solid {border}; border-radius: {radius_s}; padding: 2px 8px; }}
QLabel#aboutName {{ font-size: {font_display}; font-weight: 600; }}
QLabel#pathText {{ color: {muted}; }}
"""
