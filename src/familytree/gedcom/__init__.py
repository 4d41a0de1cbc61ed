"""Read and write GEDCOM 5.5, 5.5.1, 5.5.5 and 7.0 files (and GEDZIP) into the familytree model.

    tree = read_file("family.ged", progress=cb, cancel=should_stop)
    tree.diagnostics        # what could not be read as it was, with line numbers
    write_file(tree, "family.ged", version="7.0")   # atomic

read_file raises OSError only when the file cannot be opened; every content problem
becomes a Diagnostic. LoadCancelled is raised when cancel() returns True.
"""

from familytree.gedcom.lexer import LoadCancelled
from familytree.gedcom.reader import is_generated_id, read_bytes, read_file, read_text
from familytree.gedcom.writer import VERSIONS, write_file, write_text

__all__ = [
    "LoadCancelled", "VERSIONS", "is_generated_id", "read_bytes", "read_file", "read_text", "write_file",
    "write_text",
]
