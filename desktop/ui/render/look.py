"""Style rules of messages and answers: the person's card, the answer's header and footer,
the actions shown on hover, the thinking disclosure.

Qt style sheet text; the design tokens of desktop.ui.design fill ``{name}`` fields
(literal braces are doubled). Code blocks are drawn inside the answer's document, not by
widgets: their colours come from the palette (render/block_document_view.py) and the
syntax colours from render/code_highlighter.py.
"""

STYLE = """
QWidget#messageColumn {{ background: {base}; }}
QFrame#userBubble, QFrame#assistantBubble {{ background: transparent; border: none; }}
QFrame#userCard {{ background: {user_bg}; border: none; border-radius: {radius_l}; }}
QFrame#userCard QTextBrowser, QFrame#assistantBubble QTextBrowser {{ background: transparent;
  border: none; }}
QFrame#userBubble[found="true"], QFrame#assistantBubble[found="true"] {{ border: none;
  background: {selected}; border-radius: {radius_m}; }}
QLabel#bubbleHeader {{ color: {text}; font-weight: 600; font-size: {font_small};
  padding: 0 0 0 2px; }}
QLabel#bubbleFooter {{ color: {muted}; font-size: {font_caption}; padding: 0 2px; }}
QFrame#answerProblem {{ background: {warning_bg}; border: none; border-radius: {radius_m}; }}
QLabel#answerProblemText {{ color: {text}; }}
QToolButton#messageAction, QToolButton#versionButton {{ border: 1px solid transparent;
  border-radius: {radius_s}; padding: 3px; background: transparent; }}
QToolButton#messageAction:hover, QToolButton#versionButton:hover {{ background: {hover}; }}
QToolButton#messageAction:pressed, QToolButton#versionButton:pressed {{
  background: {alternate}; }}
QToolButton#messageAction:focus, QToolButton#versionButton:focus {{ border-color: {focus}; }}
QToolButton#messageAction[popupMode="1"] {{ padding-right: 13px; }}
QToolButton#messageAction::menu-button {{ border: none; background: transparent; width: 12px; }}
QToolButton#messageAction::menu-button:hover {{ background: {hover}; border-radius: {radius_s}; }}
QLabel#siblingLabel {{ color: {muted}; font-size: {font_caption}; padding: 0 2px; }}
QToolButton#thinkingToggle {{ border: 1px solid transparent; border-radius: {radius_s};
  color: {muted}; background: transparent; font-size: {font_small}; font-weight: 600;
  padding: 2px 6px 2px 2px; }}
QToolButton#thinkingToggle:hover {{ color: {text}; background: {hover}; }}
QToolButton#thinkingToggle:checked {{ color: {muted}; background: transparent; }}
QToolButton#thinkingToggle:checked:hover {{ color: {text}; background: {hover}; }}
QToolButton#thinkingToggle:focus {{ border-color: {focus}; }}
QFrame#assistantBubble QTextBrowser#thinkingView {{ color: {muted}; background: transparent;
  border: none; border-left: 2px solid {input_border}; padding-left: 10px;
  font-size: {font_small}; }}
"""
