"""The Qt user interface: main window, chart view, details, problems and file loading."""
