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
QToolButton#scopeChip {{ padding: 2px 10px; border-radius: {radius_m}; font-size: {font_small};
  border: 1px solid {border}; background: transparent; color: {muted}; }}
QToolButton#scopeChip:checked {{ background: {selected}; color: {selected_text};
  border-color: {selected}; }}
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
/* tool calls inside an answer (tool_card, approval_card) */
QFrame#toolCard {{ background: {alternate}; border: 1px solid {border};
  border-radius: {radius_m}; }}
QToolButton#toolCardToggle {{ border: none; background: transparent; padding: 2px 0;
  font-weight: 600; color: {text}; text-align: left; }}
QLabel#toolOutcome {{ border-radius: {radius_s}; padding: 1px 8px; font-size: {font_small};
  background: {selected}; color: {selected_text}; }}
QLabel#toolOutcome[outcome="ran"] {{ color: {success}; background: transparent;
  border: 1px solid {border}; }}
QLabel#toolOutcome[outcome="failed"], QLabel#toolOutcome[outcome="timed_out"],
QLabel#toolOutcome[outcome="denied"] {{ color: {warning}; background: {warning_bg}; }}
QLabel#toolOutcome[outcome="cancelled"], QLabel#toolOutcome[outcome="not_run"],
QLabel#toolOutcome[outcome="interrupted"] {{ color: {muted}; background: transparent;
  border: 1px solid {border}; }}
QLabel#toolDuration, QLabel#toolCaption, QLabel#toolsReached,
QLabel#toolArriving {{ color: {muted};
  font-size: {font_small}; }}
QLabel#toolCode {{ font-family: monospace; background: {base}; border: 1px solid {border};
  border-radius: {radius_s}; padding: 6px 8px; }}
QFrame#approvalCard {{ background: {surface_raised}; border: 1px solid {accent};
  border-radius: {radius_l}; }}
QLabel#approvalTitle {{ font-size: {font_title}; font-weight: 600; }}
QLabel#approvalDescription {{ color: {muted}; }}
QLabel#approvalChanged {{ background: {warning_bg}; color: {text}; border-radius: {radius_s};
  padding: 8px 10px; }}
QLabel#approvalProblem {{ color: {warning}; font-size: {font_small}; }}
QPlainTextEdit#approvalArguments {{ border-radius: {radius_s}; }}
QToolButton#toolsChooser {{ border: 1px solid {input_border}; border-radius: {radius_s};
  padding: 4px 10px; background: {base}; }}
QToolButton#toolsChooser:hover {{ background: {hover}; }}
/* importing conversations (import_dialog.py) */
QLabel#importHeading {{ font-size: {font_heading}; font-weight: 600; }}
QLabel#importSource, QLabel#importStatus, QLabel#importFigureCaption {{ color: {muted}; }}
QFrame#importFigure {{ background: {base}; border: 1px solid {border};
  border-radius: {radius_m}; }}
QLabel#importFigureValue {{ font-size: {font_display}; font-weight: 600; }}
QLabel#importLine[warning="true"] {{ color: {warning}; }}
QPlainTextEdit#importDetails {{ background: {base}; border: 1px solid {border};
  border-radius: {radius_m}; padding: 4px; }}
/* prompt library: the / picker, the variable form, the library window (prompt_*.py) */
QFrame#promptPicker {{ background: {surface_raised}; border: 1px solid {border};
  border-radius: {radius_l}; }}
QLabel#promptPickerHeading {{ color: {muted}; font-size: {font_small}; font-weight: 600;
  padding: 4px 10px 2px 10px; }}
QListWidget#promptPickerList {{ background: transparent; border: none; outline: none; }}
QListWidget#promptPickerList::item {{ border-radius: {radius_m}; border: none; }}
QListWidget#promptPickerList::item:hover {{ background: {hover}; }}
QListWidget#promptPickerList::item:selected {{ background: {selected}; }}
QLabel#promptPickerEmpty {{ color: {muted}; padding: 8px 10px; }}
QPushButton#promptPickerManage {{ text-align: left; padding: 6px 10px; }}
QLabel#promptFormTitle {{ font-size: {font_title}; font-weight: 600; }}
QLabel#promptFormPreview {{ color: {muted}; background: {alternate}; border-radius: {radius_m};
  padding: 8px 10px; }}
QLabel#promptFormWarning, QLabel#promptEditorProblem {{ color: {warning}; }}
QLabel#promptEditorNotice, QLabel#promptEditorHint {{ color: {muted}; }}
QListWidget#promptLibraryList {{ border: 1px solid {border}; border-radius: {radius_m};
  background: {base}; padding: {space_xs}; outline: none; }}
QListWidget#promptLibraryList::item {{ padding: 7px 8px; border-radius: {radius_s}; }}
QListWidget#promptLibraryList::item:hover {{ background: {hover}; }}
QListWidget#promptLibraryList::item:selected {{ background: {selected}; color: {selected_text}; }}
QLabel#promptLibraryStatus {{ color: {muted}; }}
QLabel#promptLibraryStatus[problem="true"] {{ color: {warning}; }}
/* documents of the chat: chips in the composer, the list, sources, passages (documents/) */
QFrame#documentChip {{ background: {alternate}; border: 1px solid {border};
  border-radius: {radius_m}; }}
QFrame#documentChip:hover {{ background: {hover}; }}
QFrame#documentChip[state="problem"] {{ border-color: {warning}; }}
QLabel#documentChipName {{ font-weight: 600; }}
QFrame#documentChipProgress {{ background: {accent}; border-radius: 1px; }}
QLabel#documentChipState {{ color: {muted}; font-size: {font_small}; }}
QLabel#documentChipState[state="problem"] {{ color: {warning}; }}
QLabel#documentChipState[state="ready"] {{ color: {success}; }}
QToolButton#documentChipRemove {{ border: none; padding: 2px; border-radius: {radius_s}; }}
QToolButton#documentChipRemove:hover {{ background: {hover}; }}
QLabel#documentNotes {{ color: {muted}; font-size: {font_small}; }}
QLabel#documentsHeading {{ font-size: {font_title}; font-weight: 600; }}
QFrame#documentRow {{ background: {base}; border: 1px solid {border};
  border-radius: {radius_m}; }}
QLabel#documentRowName {{ font-weight: 600; }}
QLabel#documentRowNote {{ color: {muted}; font-size: {font_small}; }}
QFrame#answerSources {{ border-top: 1px solid {border}; }}
QLabel#answerSourcesHeading {{ color: {muted}; font-size: {font_small}; font-weight: 600;
  padding-top: 4px; }}
QLabel#passageTitle {{ font-size: {font_title}; font-weight: 600; }}
QLabel#passageWhere {{ color: {muted}; }}
QTextBrowser#passageText {{ background: {base}; border: 1px solid {border};
  border-radius: {radius_m}; padding: 8px; }}
"""
