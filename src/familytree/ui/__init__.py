"""The Qt user interface: main window, chart view, details, problems and file loading."""

# The pure layers the first chart needs come in before PySide6: once PySide6.QtCore is imported, it
# reads the source of every module imported after it (looking for its __feature__ switches), which
# for these forty modules was 1.5 % of the launch (benchmarks/bench_startup.py --instructions).
import familytree.gedcom
import familytree.layout
import familytree.model
import familytree.workspace  # noqa: F401
