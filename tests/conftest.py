"""Shared test set-up: Qt runs offscreen; fixtures for the bundled family."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Settings, thumbnail caches and recovery journals of a test run never land in the user's own folders,
# even from a test that forgets the gui marker (each gui test also gets settings of its own, below)
_PRIVATE_HOME = tempfile.mkdtemp(prefix="familytree-tests-")
atexit.register(shutil.rmtree, _PRIVATE_HOME, ignore_errors=True)
for _variable in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
    os.environ[_variable] = os.path.join(_PRIVATE_HOME, _variable.split("_")[1].lower())


@pytest.fixture(scope="session")
def bundled_path() -> Path:
    from familytree.paths import bundled_family_path

    return bundled_family_path()


@pytest.fixture(autouse=True)
def private_settings(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """GUI tests each get their own settings file: nothing leaks between tests or into the user's."""
    if request.node.get_closest_marker("gui") is None and not {"qtbot", "qapp"} & set(request.fixturenames):
        return
    request.getfixturevalue("qapp")
    import uuid

    from PySide6.QtCore import QCoreApplication, QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QCoreApplication.setOrganizationName(f"familytree-test-{uuid.uuid4().hex[:8]}")
    QCoreApplication.setApplicationName("familytree-test")


@pytest.fixture(autouse=True)
def collect_between_tests() -> Iterator[None]:
    """Once a window has switched automatic collection to the GUI thread's timer (ui/collector.py),
    a test that runs no event loop still has its garbage collected, in this (the GUI) thread."""
    yield
    from familytree.ui.collector import GuiCollector

    collector = GuiCollector.installed()
    if collector is not None:
        collector.check()
