"""Shared test set-up: Qt runs offscreen; fixtures for the bundled family."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(scope="session")
def bundled_path() -> Path:
    from familytree.paths import bundled_family_path

    return bundled_family_path()


@pytest.fixture(autouse=True)
def private_settings(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """GUI tests each get their own settings file: nothing leaks between tests or into the user's."""
    if request.node.get_closest_marker("gui") is None:
        return
    request.getfixturevalue("qapp")
    import uuid

    from PySide6.QtCore import QCoreApplication, QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QCoreApplication.setOrganizationName(f"familytree-test-{uuid.uuid4().hex[:8]}")
    QCoreApplication.setApplicationName("familytree-test")
