"""One wording, for the window and the command line, of why a file could not be opened."""

from __future__ import annotations

__all__ = ["load_error_message"]


def load_error_message(path: str, error: BaseException) -> str:
    """One plain line naming the file and what stopped it from being read."""
    if isinstance(error, FileNotFoundError):
        return f"{path}: no such file"
    if isinstance(error, IsADirectoryError):
        return f"{path}: is a directory, not a GEDCOM file"
    if isinstance(error, PermissionError):
        return f"{path}: permission denied"
    if isinstance(error, OSError):
        return f"{path}: {error.strerror or error}"
    return f"{path}: could not be read ({type(error).__name__}: {error})"
