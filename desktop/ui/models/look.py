"""Style rules of the Models page.

Qt style sheet text; the design tokens of desktop.ui.design fill ``{name}`` fields (every
colour role, ``space_*``, ``radius_*``, ``font_*``; literal braces are doubled).
"""

STYLE = """
QWidget#modelsPage {{ background: {window}; }}
QLabel#modelsTitle {{ font-size: {font_heading}; font-weight: 600; color: {text}; }}
QLabel#modelsHost {{ color: {muted}; font-size: {font_small}; }}
QFrame#modelsCard {{ background: {base}; border: 1px solid {border};
  border-radius: {radius_l}; }}
QFrame#modelsCard QTableView#installedList {{ border: none; border-radius: 0;
  background: transparent; }}
QTableView#installedList::item {{ padding: 0; border: none; }}
QTableView#installedList::item:hover {{ background: {hover}; }}
QTableView#installedList::item:selected {{ background: {selected}; color: {selected_text}; }}
QLabel#emptyTitle {{ font-size: {font_title}; font-weight: 600; color: {text}; }}
QLabel#emptyText {{ color: {muted}; }}
QLabel#pullAdvice {{ color: {muted}; font-size: {font_small}; }}
QLabel#pullAdvice[warning="true"] {{ color: {warning}; }}
QLabel#sectionTitle {{ font-weight: 600; font-size: {font_title}; color: {text}; }}
QLabel#sectionCount {{ color: {muted}; font-size: {font_small}; }}
QToolButton#panelToggle, QToolButton#panelToggle:checked {{ background: transparent;
  color: {text}; font-weight: 600; font-size: {font_title}; padding: 4px 6px; }}
QToolButton#panelToggle:hover {{ background: {hover}; }}
QToolButton#panelToggle:focus {{ border-color: {focus}; }}
QFrame#modelsNotice {{ background: {warning_bg}; border: 1px solid {warning};
  border-radius: {radius_m}; }}
QLabel#noticeText {{ color: {text}; }}
QLabel#detailName {{ font-size: {font_heading}; font-weight: 600; color: {text}; }}
QLabel#detailFacts {{ color: {muted}; }}
QLabel#detailCapabilities {{ color: {text}; }}
QTextBrowser#modelFacts {{ border: none; background: transparent; }}
QFrame#downloadRow, QFrame#loadedRow {{ background: {alternate}; border: none;
  border-radius: {radius_m}; }}
QLabel#downloadName, QLabel#loadedName {{ font-weight: 600; color: {text}; }}
QLabel#downloadStatus, QLabel#downloadPercent, QLabel#downloadFigures,
QLabel#loadedFigures {{ color: {muted}; font-size: {font_small}; }}
QLabel#downloadError {{ color: {warning}; }}
QFrame#downloadRow QPushButton, QFrame#loadedRow QPushButton {{ padding: 3px 10px;
  min-height: 0; }}
QSplitter#modelsSplitter::handle {{ background: transparent; }}
QFrame#importRow {{ background: {base}; border: 1px solid {border};
  border-radius: {radius_m}; }}
QLabel#importTitle {{ font-weight: 600; color: {text}; }}
QLabel#importStatus {{ color: {muted}; font-size: {font_small}; }}
QLabel#variantHeading {{ font-size: {font_title}; font-weight: 600; color: {text}; }}
QLabel#variantStatus {{ color: {muted}; }}
QLabel#variantStatus[error="true"] {{ color: {warning}; }}
QPlainTextEdit#variantModelfile {{ font-family: monospace; }}
QPushButton#segment {{ background: {base}; color: {muted}; border: 1px solid {input_border};
  border-radius: 0; padding: 4px 14px; }}
QPushButton#segment[edge="first"] {{ border-top-left-radius: {radius_m};
  border-bottom-left-radius: {radius_m}; }}
QPushButton#segment[edge="last"] {{ border-top-right-radius: {radius_m};
  border-bottom-right-radius: {radius_m}; border-left: none; }}
QPushButton#segment:hover {{ background: {hover}; color: {text}; }}
QPushButton#segment:checked {{ background: {selected}; color: {selected_text}; }}
QFrame#modelsCard QListView#discoverList {{ border: none; background: transparent; }}
QScrollArea#discoverDetailScroll, QWidget#discoverDetailBody {{ background: transparent; }}
QListView#discoverList::item {{ border: none; }}
QListView#discoverList::item:hover {{ background: {hover}; }}
QListView#discoverList::item:selected {{ background: {selected}; color: {selected_text}; }}
QLabel#discoverStatus {{ color: {muted}; font-size: {font_small}; }}
QLabel#discoverStatus[warning="true"] {{ color: {warning}; }}
QLabel#discoverNotice {{ background: {warning_bg}; color: {text}; border: 1px solid {caution};
  border-radius: {radius_m}; padding: 8px 10px; }}
QLabel#discoverNote {{ color: {muted}; font-size: {font_small}; }}
QTreeWidget#discoverChoices {{ border: 1px solid {border}; border-radius: {radius_m};
  background: {base}; }}
"""
