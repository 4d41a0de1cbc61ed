"""Read and write GEDCOM 5.5, 5.5.1, 5.5.5 and 7.0 files (and GEDZIP) into the familytree model.

    tree = read_file("family.ged", progress=cb, cancel=should_stop)
    tree.diagnostics        # what could not be read as it was, with line numbers
    write_file(tree, "family.ged", version="7.0")   # atomic

read_file raises OSError only when the file cannot be opened; every content problem
becomes a Diagnostic. LoadCancelled is raised when cancel() returns True. A caller reading
a large file wraps the read in ``with collection_paused():`` (the reader leaves the
process-wide garbage collector alone).
"""

from typing import TYPE_CHECKING, Any

from familytree.gedcom.collection import collection_paused
from familytree.gedcom.lexer import LoadCancelled
from familytree.gedcom.reader import is_generated_id, read_bytes, read_file, read_text

if TYPE_CHECKING:
    from familytree.gedcom.writer import VERSIONS, write_file, write_text

_WRITER_NAMES = ("VERSIONS", "write_file", "write_text")


def __getattr__(name: str) -> Any:
    # The writer is loaded when first asked for: opening a file (the way to the first
    # chart) does not need it.
    if name in _WRITER_NAMES:
        from familytree.gedcom import writer

        return getattr(writer, name)
    raise AttributeError(f"module 'familytree.gedcom' has no attribute {name!r}")

__all__ = [
    "LoadCancelled", "VERSIONS", "collection_paused", "is_generated_id", "read_bytes", "read_file",
    "read_text", "write_file", "write_text",
]
