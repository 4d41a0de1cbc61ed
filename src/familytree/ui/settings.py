"""Every remembered preference in one place: typed keys over QSettings, shared by the window and printing."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QByteArray, QCryptographicHash, QSettings
from PySide6.QtWidgets import QMainWindow, QWidget

from familytree.layout import ALL_GENERATIONS, ChartType, FanColours, FanOptions, LayoutOptions, Orientation
from familytree.layout.fan_options import DEFAULT_FAN_ANGLE, FAN_ANGLES
from familytree.model.slotted import slotted
from familytree.workspace import ChartSettings

if TYPE_CHECKING:
    from familytree.privacy import Mode

__all__ = ["Settings", "Key", "Keys", "MAX_GENERATIONS", "ALL_STEP", "generations_from_step",
           "step_from_generations"]

T = TypeVar("T", bool, int, float, str)

MAX_GENERATIONS = 10
ALL_STEP = MAX_GENERATIONS + 1  # the generation spin boxes' step after 10 reads "all"
MAX_RECENT = 10


def generations_from_step(step: int) -> int:
    """The generations a spin-box step asks for ("all" is the layout's very large number)."""
    return ALL_GENERATIONS if step >= ALL_STEP else max(1, step)


def step_from_generations(count: int) -> int:
    return ALL_STEP if count > MAX_GENERATIONS else max(1, count)


@slotted(frozen=True)
class Key(Generic[T]):
    """A settings key with its type and default: a value of another type reads as the default."""

    name: str
    default: T

    def read(self, store: QSettings) -> T:
        raw = store.value(self.name)
        if raw is None:
            return self.default
        kind = type(self.default)
        try:
            if kind is bool:
                value: object = raw if isinstance(raw, bool) else str(raw).strip().lower() in ("true", "1")
            else:
                value = kind(raw)
        except (TypeError, ValueError):
            return self.default
        return value  # type: ignore[return-value]

    def of(self, path: str) -> Key[T]:
        """This key for one file (a prefix key: each file its own choice)."""
        return Key(self.name + _file_key(path), self.default)


class Keys:
    """The keys, named once (the strings are what earlier versions wrote: settings carry over)."""

    CHART_TYPE = Key("chart/type", ChartType.HOURGLASS.value)
    GENERATIONS_UP = Key("chart/up", 3)
    GENERATIONS_DOWN = Key("chart/down", 3)
    ORIENTATION = Key("chart/orientation", Orientation.VERTICAL.value)
    FAN_ANGLE = Key("chart/fan_angle", DEFAULT_FAN_ANGLE)
    FAN_COLOURS = Key("chart/fan_colours", FanColours.SIDE.value)
    COMPACT = Key("chart/compact", False)  # View > Compact Chart: partners in one box, tight spacing
    PALETTE = Key("view/palette", "screen")
    MINIMAP = Key("view/minimap", True)
    PORTRAITS = Key("view/portraits", True)
    POSTER = Key("print/poster", "")  # "COLSxROWS", "" for one page
    PERSON_SHEET = Key("print/person_sheet", False)
    EXPORT_DPI = Key("export/dpi", 150.0)
    EXPORT_TRANSPARENT = Key("export/transparent", False)
    EXPORT_PATH = Key("export/path", "")
    # each file's choice of what leaves the machine of its living people (privacy.Mode's values,
    # Mode.SHOW's by default; privacy loads when first asked): in charts (print, preview, export),
    # and in copies written by Save As; `.of(path)`
    CHART_LIVING = Key("print/living/", "show")
    SAVE_LIVING = Key("save/living/", "show")
    WINDOW_GEOMETRY = "window/geometry"
    WINDOW_STATE = "window/state"
    RECENT_FILES = "recentFiles"
    HOME_PREFIX = "home/"
    ZOOM_PREFIX = "zoom/"  # each file's own zoom: a big file's 100 % is no start for a small one
    DIALOG_PREFIX = "dialogs/"  # each kind of dialog's size and place, as the user left it


class Settings:
    """The user's preferences and the window's memory, read and written through typed keys."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings()

    def get(self, key: Key[T]) -> T:
        return key.read(self.store)

    def set(self, key: Key[T], value: T) -> None:
        self.store.setValue(key.name, value)

    # -- the chart -------------------------------------------------------------------------------
    def chart(self) -> ChartSettings:
        kinds = {c.value: c for c in ChartType}
        up = max(1, min(ALL_STEP, self.get(Keys.GENERATIONS_UP)))
        down = max(1, min(ALL_STEP, self.get(Keys.GENERATIONS_DOWN)))
        horizontal = self.get(Keys.ORIENTATION) == Orientation.HORIZONTAL.value
        angle = self.get(Keys.FAN_ANGLE)
        colours = {c.value: c for c in FanColours}.get(self.get(Keys.FAN_COLOURS), FanColours.SIDE)
        return ChartSettings(kinds.get(self.get(Keys.CHART_TYPE), ChartType.HOURGLASS),
                             generations_from_step(up), generations_from_step(down),
                             Orientation.HORIZONTAL if horizontal else Orientation.VERTICAL,
                             FanOptions(angle if angle in FAN_ANGLES else DEFAULT_FAN_ANGLE, colours),
                             LayoutOptions(compact=self.get(Keys.COMPACT)))

    def set_chart(self, chart: ChartSettings) -> None:
        self.set(Keys.CHART_TYPE, chart.chart_type.value)
        self.set(Keys.GENERATIONS_UP, step_from_generations(chart.generations_up))
        self.set(Keys.GENERATIONS_DOWN, step_from_generations(chart.generations_down))
        self.set(Keys.ORIENTATION, chart.orientation.value)
        self.set(Keys.FAN_ANGLE, chart.fan.angle)
        self.set(Keys.FAN_COLOURS, chart.fan.colours.value)
        self.set(Keys.COMPACT, chart.layout.compact)

    # -- files -----------------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.store.value(Keys.RECENT_FILES, [])
        if isinstance(value, str):
            return [value] if value else []
        return [str(v) for v in value if v] if isinstance(value, list) else []

    def add_recent(self, path: str) -> None:
        path = os.path.abspath(path)
        recent = [p for p in self.recent_files() if p != path]
        self.store.setValue(Keys.RECENT_FILES, [path, *recent][:MAX_RECENT])

    def home_person(self, path: str) -> str:
        """The home person the user chose for a file ("" when none)."""
        return str(self.store.value(Keys.HOME_PREFIX + _file_key(path), "", str)) if path else ""

    def set_home_person(self, path: str, person_id: str) -> None:
        if path:
            self.store.setValue(Keys.HOME_PREFIX + _file_key(path), person_id)

    def zoom(self, path: str) -> float:
        """The zoom the chart of a file was left at (0.0 when none: the file is opened to fit)."""
        if not path:
            return 0.0
        raw = self.store.value(Keys.ZOOM_PREFIX + _file_key(path), 0.0)
        try:
            return max(0.0, float(raw))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return 0.0

    def set_zoom(self, path: str, zoom: float) -> None:
        if path:
            self.store.setValue(Keys.ZOOM_PREFIX + _file_key(path), float(zoom))

    def living(self, key: Key[str], path: str) -> Mode:
        """What a file's outputs of `key` (Keys.CHART_LIVING, SAVE_LIVING) show of the living."""
        from familytree.privacy import Mode

        modes = {m.value: m for m in Mode}
        return modes.get(self.get(key.of(path)), Mode.SHOW) if path else Mode(key.default)

    def set_living(self, key: Key[str], path: str, mode: Mode) -> None:
        if path:
            self.set(key.of(path), mode.value)

    # -- the window ------------------------------------------------------------------------------
    def window_state(self) -> QByteArray | None:
        """Where the window's docks and toolbars were."""
        value = self.store.value(Keys.WINDOW_STATE)
        return value if isinstance(value, QByteArray) else None

    def restore_window(self, window: QMainWindow) -> bool:
        """The window's size, place and docks as they were; False on a first run."""
        geometry = self.store.value(Keys.WINDOW_GEOMETRY)
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)
        else:
            window.resize(1400, 860)
        state = self.window_state()
        if state is not None:
            window.restoreState(state)
        return state is not None

    def save_window(self, window: QMainWindow) -> None:
        self.store.setValue(Keys.WINDOW_GEOMETRY, window.saveGeometry())
        self.store.setValue(Keys.WINDOW_STATE, window.saveState())

    def restore_dialog(self, dialog: QWidget, name: str, width: int, height: int) -> None:
        """A dialog's size (and place) as the user left the last of its kind; else `width` x `height`."""
        geometry = self.store.value(Keys.DIALOG_PREFIX + name)
        if not (isinstance(geometry, QByteArray) and dialog.restoreGeometry(geometry)):
            dialog.resize(width, height)

    def save_dialog(self, dialog: QWidget, name: str) -> None:
        self.store.setValue(Keys.DIALOG_PREFIX + name, dialog.saveGeometry())

    def sync(self) -> None:
        self.store.sync()


def _file_key(path: str) -> str:
    """A settings key for a file (settings keys cannot hold every character a path can): SHA-1's, by Qt's
    hash (hashlib would load OpenSSL at start-up for it)."""
    digest = QCryptographicHash.hash(QByteArray(os.path.abspath(path).encode("utf-8", "surrogatepass")),
                                     QCryptographicHash.Algorithm.Sha1)
    return bytes(digest.toHex().data()).decode("ascii")[:16]
