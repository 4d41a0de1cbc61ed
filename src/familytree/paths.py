"""Where the bundled data and resources live, in a checkout or an installed package."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent  # src/familytree -> the repository root

BUNDLED_FAMILY = "trotsky-sedov.ged"


def _first_existing(*candidates: Path) -> Path:
    for c in candidates:
        if c.exists():
            return c
    return candidates[0]


def data_dir() -> Path:
    return _first_existing(_CHECKOUT / "data", _PACKAGE / "data")


def resources_dir() -> Path:
    return _first_existing(_CHECKOUT / "resources", _PACKAGE / "resources")


def bundled_family_path() -> Path:
    """The GEDCOM file the app opens when given none: the Sedov–Trotsky family."""
    return data_dir() / BUNDLED_FAMILY
