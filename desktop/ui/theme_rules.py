"""The shared style rules: every standard control, the four button kinds, and the rules of
parts that have not moved into their own look.py yet.

Qt style sheet text filled from desktop.ui.design.tokens (``{name}`` fields; literal braces
doubled) plus ``{qss_icons}``, the folder of the small SVGs drawn inside controls (the
combo's chevron, the check box's tick). Page-specific rules belong in that page's look.py.
"""

CONTROLS = """
QWidget {{ font-size: {font_body}; }}
QMainWindow, QDialog {{ background: {window}; }}
QToolTip {{ color: {text}; background: {surface_raised}; border: 1px solid {border};
  border-radius: {radius_s}; padding: 5px 8px; }}

QPushButton {{ padding: 6px 14px; min-height: 18px; border: 1px solid {input_border};
  border-radius: {radius_s}; background: {base}; color: {text}; }}
QPushButton:hover {{ background: {hover}; }}
QPushButton:pressed {{ background: {alternate}; }}
QPushButton:focus {{ border-color: {focus}; }}
QPushButton:disabled {{ color: {muted}; background: {alternate}; border-color: {border}; }}
QPushButton:default, QPushButton[kind="primary"] {{ background: {accent}; color: {accent_text};
  border: 1px solid {accent}; }}
QPushButton:default:hover, QPushButton[kind="primary"]:hover {{ background: {accent_hover};
  border-color: {accent_hover}; }}
QPushButton:default:pressed, QPushButton[kind="primary"]:pressed {{
  background: {accent_pressed}; }}
QPushButton:default:focus, QPushButton[kind="primary"]:focus {{ border: 1px solid {focus}; }}
QPushButton:default:disabled, QPushButton[kind="primary"]:disabled {{ background: {alternate};
  color: {muted}; border-color: {border}; }}
QPushButton[kind="destructive"] {{ background: {warning_bg}; color: {warning};
  border: 1px solid {warning_bg}; }}
QPushButton[kind="destructive"]:hover {{ background: {warning}; color: {warning_text};
  border-color: {warning}; }}
QPushButton[kind="destructive"]:focus {{ border-color: {warning}; }}
QPushButton[kind="destructive"]:disabled {{ background: {alternate}; color: {muted};
  border-color: {border}; }}
QPushButton[kind="quiet"] {{ background: transparent; border: 1px solid transparent;
  color: {muted}; padding: 6px 10px; }}
QPushButton[kind="quiet"]:hover {{ background: {hover}; color: {text}; }}
QPushButton[kind="quiet"]:focus {{ border-color: {focus}; color: {text}; }}
QPushButton[kind="quiet"]:disabled {{ color: {muted}; background: transparent; }}
QPushButton::menu-indicator {{ subcontrol-origin: padding; subcontrol-position: center right;
  right: 6px; width: 10px; height: 10px; image: url({qss_icons}/chevron-down-{scheme}.svg); }}

QToolButton {{ border: 1px solid transparent; border-radius: {radius_s}; padding: 4px;
  background: transparent; color: {text}; }}
QToolButton:hover {{ background: {hover}; }}
QToolButton:pressed, QToolButton:checked {{ background: {selected}; color: {selected_text}; }}
QToolButton:focus {{ border-color: {focus}; }}
QToolButton:disabled {{ color: {muted}; }}
QToolButton[kind="primary"] {{ background: {accent}; color: {accent_text}; }}
QToolButton[kind="primary"]:hover {{ background: {accent_hover}; }}
QToolButton[kind="primary"]:disabled {{ background: {alternate}; color: {muted}; }}
QToolButton[kind="destructive"] {{ color: {warning}; }}
QToolButton[kind="destructive"]:hover {{ background: {warning_bg}; }}
QToolButton[kind="quiet"] {{ color: {muted}; }}
QToolButton[kind="quiet"]:hover {{ color: {text}; }}
QToolButton::menu-indicator {{ image: none; width: 0; }}

QLineEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox {{ border: 1px solid {input_border};
  border-radius: {radius_s}; background: {base}; color: {text};
  selection-background-color: {accent}; selection-color: {accent_text}; }}
QLineEdit, QAbstractSpinBox {{ padding: 5px 8px; min-height: 18px; }}
QPlainTextEdit {{ padding: 6px; }}
QLineEdit:focus, QPlainTextEdit:focus, QAbstractSpinBox:focus, QComboBox:focus {{
  border-color: {focus}; }}
QLineEdit:disabled, QPlainTextEdit:disabled, QAbstractSpinBox:disabled, QComboBox:disabled {{
  color: {muted}; background: {alternate}; }}
QComboBox {{ padding: 5px 28px 5px 8px; min-height: 18px; }}
QComboBox:hover {{ border-color: {scrollbar_hover}; }}
QComboBox::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right;
  width: 24px; border: none; background: transparent; }}
QComboBox::down-arrow {{ image: url({qss_icons}/chevron-down-{scheme}.svg); width: 14px;
  height: 14px; }}
QComboBox QAbstractItemView {{ background: {surface_raised}; border: 1px solid {border};
  border-radius: {radius_s}; padding: 4px; outline: 0;
  selection-background-color: {selected}; selection-color: {selected_text}; }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ width: 16px; border: none;
  background: transparent; }}
QAbstractSpinBox::up-arrow {{ image: url({qss_icons}/chevron-up-{scheme}.svg); width: 10px;
  height: 10px; }}
QAbstractSpinBox::down-arrow {{ image: url({qss_icons}/chevron-down-{scheme}.svg);
  width: 10px; height: 10px; }}

QCheckBox, QRadioButton {{ spacing: 8px; color: {text}; background: transparent; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: 16px; height: 16px;
  border: 1px solid {input_border}; background: {base}; }}
QCheckBox::indicator {{ border-radius: 4px; }}
QRadioButton::indicator {{ border-radius: 9px; }}
QCheckBox::indicator:hover, QRadioButton::indicator:hover {{ border-color: {accent}; }}
QCheckBox::indicator:focus, QRadioButton::indicator:focus {{ border-color: {focus}; }}
QCheckBox::indicator:checked {{ background: {accent}; border-color: {accent};
  image: url({qss_icons}/check-on-accent.svg); }}
QCheckBox::indicator:indeterminate {{ background: {accent}; border-color: {accent}; }}
QRadioButton::indicator:checked {{ border-color: {accent}; background: qradialgradient(
  cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5, stop: 0 {accent_text}, stop: 0.3 {accent_text},
  stop: 0.4 {accent}, stop: 1 {accent}); }}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{ background: {alternate};
  border-color: {border}; }}

QAbstractItemView {{ border: 1px solid {border}; border-radius: {radius_m};
  background: {base}; alternate-background-color: {alternate}; outline: 0;
  selection-background-color: {selected}; selection-color: {selected_text}; }}
QAbstractItemView::item {{ padding: 4px 6px; border: none; }}
QAbstractItemView::item:hover {{ background: {hover}; }}
QAbstractItemView::item:selected {{ background: {selected}; color: {selected_text}; }}
QAbstractItemView::indicator {{ width: 16px; height: 16px; border: 1px solid {input_border};
  border-radius: 4px; background: {base}; }}
QAbstractItemView::indicator:checked {{ background: {accent}; border-color: {accent};
  image: url({qss_icons}/check-on-accent.svg); }}
QHeaderView {{ background: transparent; border: none; }}
QHeaderView::section {{ background: {base}; color: {muted}; border: none;
  border-bottom: 1px solid {border}; padding: 6px 8px; font-weight: 600; }}
QTableCornerButton::section {{ background: {base}; border: none; }}

QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px; }}
QScrollBar:horizontal {{ background: transparent; height: 10px; margin: 2px; }}
QScrollBar::handle:vertical {{ background: {scrollbar}; border-radius: 3px; min-height: 32px;
  margin: 0 1px; }}
QScrollBar::handle:horizontal {{ background: {scrollbar}; border-radius: 3px; min-width: 32px;
  margin: 1px 0; }}
QScrollBar::handle:hover {{ background: {scrollbar_hover}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
QScrollArea {{ border: none; background: transparent; }}

QMenuBar {{ background: {window}; color: {text}; padding: 2px; }}
QMenuBar::item {{ padding: 4px 10px; border-radius: {radius_s}; background: transparent; }}
QMenuBar::item:selected {{ background: {hover}; }}
QMenu {{ background: {surface_raised}; color: {text}; border: 1px solid {border};
  border-radius: {radius_m}; padding: 4px; }}
QMenu::item {{ padding: 6px 28px 6px 12px; border-radius: {radius_s}; }}
QMenu::item:selected {{ background: {hover}; }}
QMenu::item:disabled {{ color: {muted}; }}
QMenu::separator {{ height: 1px; background: {border}; margin: 4px 6px; }}
QMenu::icon {{ padding-left: 8px; }}

QTabWidget::pane {{ border: none; }}
QTabBar::tab {{ padding: 6px 16px; border: none; border-bottom: 2px solid transparent;
  color: {muted}; background: transparent; }}
QTabBar::tab:selected {{ color: {text}; border-bottom-color: {accent}; font-weight: 600; }}
QTabBar::tab:hover {{ color: {text}; }}
QTabBar::tab:focus {{ border-bottom-color: {focus}; }}

QProgressBar {{ border: none; border-radius: 3px; background: {alternate}; color: {muted};
  text-align: center; max-height: 6px; }}
QProgressBar::chunk {{ border-radius: 3px; background: {accent}; }}
QSplitter::handle {{ background: {border}; }}
QSplitter::handle:horizontal {{ width: 1px; }}
QSplitter::handle:vertical {{ height: 1px; }}
QGroupBox {{ border: 1px solid {border}; border-radius: {radius_m}; margin-top: 14px;
  padding: 12px 10px 10px 10px; background: {base}; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; color: {text};
  font-weight: 600; }}
QStatusBar {{ background: {window}; color: {muted}; }}
QStatusBar::item {{ border: none; }}
QLabel {{ background: transparent; }}
QLabel:disabled {{ color: {muted}; }}
"""

LEGACY = """
QLabel#paneTitle {{ font-weight: 600; font-size: {font_title}; padding: 4px 2px; }}
QLabel#hint {{ color: {muted}; padding: 6px 2px; }}
QLabel#hint[warning="true"] {{ color: {warning}; }}
QFrame#statusBanner {{ border: 1px solid {border}; border-radius: 8px; background: {base}; }}
QFrame#statusBanner[problem="true"] {{ border-color: {warning}; background: {warning_bg}; }}
QFrame#notice {{ border-top: 1px solid {warning}; background: {warning_bg}; }}
QFrame#quickSwitcher {{ background: {surface_raised}; border: 1px solid {border};
  border-radius: {radius_l}; }}
QFrame[found="true"] {{ border: 2px solid {accent}; }}
QLabel#contextLabel {{ color: {muted}; font-size: 8.5pt; }}
QLabel#contextLabel[level="near"] {{ color: {caution}; }}
QLabel#contextLabel[level="over"] {{ color: {warning}; font-weight: 600; }}
QFrame#chatSettings {{ border-bottom: 1px solid {border}; }}
QLabel#downloadError {{ color: {warning}; }}
QLabel#shortcutKeys {{ font-family: monospace; color: {link}; }}
"""
