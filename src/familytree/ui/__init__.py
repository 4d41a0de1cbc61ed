"""The Qt user interface: main window, chart view, details, problems and file loading."""

import familytree.render  # noqa: F401  (applies the PySide6 reference-count workaround first)
