"""Style rules of the window's frame: rail, status, welcome.

Qt style sheet text; the tokens of desktop.ui.design fill ``{name}`` fields (colour roles,
``space_*``, ``radius_*``, ``font_*``; literal braces are doubled).
"""

STYLE = """
QWidget#windowBody {{ background: {window}; }}
QFrame#navRail {{ background: {window}; border: none; border-right: 1px solid {border}; }}
QToolButton#railButton {{ border: 1px solid transparent; border-radius: {radius_m};
  padding: 6px 2px 4px 2px; color: {muted}; font-size: {font_caption}; background: transparent; }}
QToolButton#railButton:hover {{ background: {hover}; color: {text}; }}
QToolButton#railButton:checked {{ background: {selected}; color: {selected_text};
  font-weight: 600; }}
QToolButton#railButton:focus {{ border-color: {focus}; }}
QWidget#sidebarColumn {{ background: {window}; }}
QWidget#chatColumn, QWidget#setupArea {{ background: {base}; }}
QFrame#setupNotice {{ background: {alternate}; border: none; border-bottom: 1px solid {border}; }}
QFrame#firstRun {{ background: {base}; border: 1px solid {border}; border-radius: {radius_l}; }}
QLabel#firstRunTitle {{ font-size: {font_display}; font-weight: 600; }}
/* provider status */
QToolButton#providerStatus {{ border: 1px solid transparent; border-radius: {radius_m};
  padding: 2px; background: transparent; }}
QToolButton#providerStatus:hover {{ background: {hover}; }}
QToolButton#providerStatus:focus {{ border-color: {focus}; }}
QFrame#statusDot {{ border: none; border-radius: 5px; background: {muted}; }}
QFrame#statusDot[health="up"] {{ background: {success}; }}
QFrame#statusDot[health="down"], QFrame#statusDot[health="failing"] {{ background: {warning}; }}
QFrame#statusDot[health="key"] {{ background: {caution}; }}
QFrame#statusDot[health="checking"] {{ background: transparent; border: 2px solid {muted}; }}
QFrame#statusDot[health="idle"] {{ background: transparent; border: 2px solid {border}; }}
QLabel#statusMore {{ color: {muted}; font-size: {font_caption}; }}
QFrame#providerStatusPopup {{ background: {surface_raised}; border: 1px solid {border}; }}
QLabel#providerPopupTitle {{ font-weight: 600; font-size: {font_title}; padding: 2px 4px; }}
QFrame#providerCard {{ background: {base}; border: 1px solid {border};
  border-radius: {radius_m}; }}
QLabel#providerName {{ font-weight: 600; }}
QLabel#providerState {{ color: {muted}; font-size: {font_small}; }}
QLabel#providerState[health="up"] {{ color: {success}; }}
QLabel#providerState[health="down"], QLabel#providerState[health="failing"] {{
  color: {warning}; }}
QLabel#providerState[health="key"] {{ color: {caution}; }}
QLabel#providerHost, QLabel#providerProblem {{ color: {muted}; font-size: {font_small}; }}
"""
