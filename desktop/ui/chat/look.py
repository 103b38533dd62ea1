"""Style rules of the chat page.

Qt style sheet text; the tokens of desktop.ui.design fill ``{name}`` fields (colour roles,
``space_*``, ``radius_*``, ``font_*``; literal braces are doubled).
"""

STYLE = """
QWidget#chatPage {{ background: {base}; }}
QWidget#chatHeader {{ background: {base}; border-bottom: 1px solid {border}; }}
QLabel#chatTitle {{ font-size: {font_title}; font-weight: 600; }}
QFrame#composerCard {{ background: {base}; border: 1px solid {input_border};
  border-radius: {radius_l}; }}
QPlainTextEdit#composerEdit, QPlainTextEdit#composerEdit:focus {{ border: none;
  background: transparent; padding: 2px; }}
QPushButton#sendButton[state="stop"] {{ background: {text}; color: {base};
  border-color: {text}; }}
QLabel#routeState {{ color: {muted}; font-size: {font_caption}; }}
QWidget#emptyState {{ background: {base}; }}
QLabel#emptyTitle {{ font-size: {font_display}; font-weight: 600; }}
QLabel#emptyModel {{ color: {muted}; }}
QLabel#capabilityChip {{ background: {selected}; color: {selected_text};
  border-radius: {radius_s}; padding: 2px 8px; font-size: {font_small}; }}
QPushButton#starterPrompt {{ text-align: left; padding: 10px 12px; background: {base};
  border: 1px solid {border}; border-radius: {radius_m}; color: {text}; }}
QPushButton#starterPrompt:hover {{ background: {hover}; }}
QPushButton#starterPrompt:focus {{ border-color: {focus}; }}
/* conversation sidebar */
QWidget#sidebarPanel, QWidget#sidebarStrip {{ background: transparent; }}
QToolButton#sidebarIcon {{ padding: 5px; border-radius: {radius_m}; }}
QLineEdit#sidebarSearch {{ padding: 5px 8px; border-radius: {radius_m}; background: {base}; }}
QListView#conversationList, QListView#searchResults {{ border: none; background: transparent;
  outline: none; }}
QListView#conversationList::item {{ margin: 1px 0; padding: 0 8px; border: none;
  border-radius: {radius_m}; color: {text}; }}
QListView#conversationList::item:hover {{ background: {hover}; }}
QListView#conversationList::item:selected {{ background: {selected}; color: {selected_text}; }}
QListView#conversationList::item:selected:focus {{ border: 1px solid {focus}; }}
QListView#conversationList QLineEdit {{ padding: 2px 6px; border-radius: {radius_s}; }}
QFrame#undoBar {{ background: {surface_raised}; border: 1px solid {border};
  border-radius: {radius_m}; }}
"""
