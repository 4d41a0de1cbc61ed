"""The recovery journal: the edits done since a file was opened, as JSON, replayed onto the file read again.

The window writes it (atomically) after each change, and removes it once the file is saved
or the changes are given up; after a crash, the next start finds it and offers to restore
the edits. A journal names the file its edits were made on and that file's SHA-256: edits
are replayed only onto the same content.

    journal = RecoveryJournal(stack, journal_path(data_folder, path), path)
    ...                                   # after each change:
    journal.write()
    ...                                   # at the next start:
    found = read_journal(path_of_journal)
    stack = replay(found, read_file(found.source))

Each edit's steps are kept as they were just before the edit was first applied (an object it
adds may be changed by its own later steps, or by a later edit, which the journal replays after it).
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import os
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from familytree import model
from familytree.gedcom.atomic import replaced
from familytree.model import Tree
from familytree.model.slotted import slotted
from familytree.workspace.undo import UndoStack

if TYPE_CHECKING:  # (the edit commands load with the first edit or journal read, not when a file opens)
    from familytree.workspace.editing import Edit, Locator, Step

__all__ = ["FORMAT", "Journal", "JournalError", "RecoveryJournal", "encode_edit", "decode_edit",
           "file_digest",
           "journal_path", "read_journal", "replay"]

FORMAT = "familytree recovery journal"
VERSION = 1

# The model's classes a journal may hold, by name (nothing else is ever made from one)
_RECORDS: dict[str, type] = {cls.__name__: cls for cls in (
    model.Structure, model.Note, model.NoteRef, model.Citation, model.Repository, model.Source, model.Place,
    model.Event, model.Name, model.MediaRef, model.Media, model.Association, model.ChildRef, model.Person,
    model.Family, model.Date, model.SimpleDate)}
_ENUMS: dict[str, type[enum.Enum]] = {cls.__name__: cls for cls in (
    model.Sex, model.NameType, model.ChildRelation, model.Calendar, model.DateModifier, model.DateQualifier)}


class JournalError(ValueError):
    """A journal that cannot be read or replayed: the message says which and why."""


def file_digest(path: str | os.PathLike[str]) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def journal_path(folder: str | os.PathLike[str], source: str | os.PathLike[str]) -> Path:
    """Where the journal of a file's edits goes in a folder: one per file, named after it."""
    absolute = os.path.abspath(os.fspath(source))
    tag = hashlib.sha256(absolute.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return Path(folder) / f"{Path(absolute).stem[:40]}-{tag}.journal.json"


# -- values --------------------------------------------------------------------------------------

def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, tuple):
        return {"tuple": [_encode(v) for v in value]}
    if isinstance(value, enum.Enum):
        return {"enum": type(value).__name__, "value": value.value}
    if dataclasses.is_dataclass(value) and type(value).__name__ in _RECORDS:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            v = getattr(value, f.name)
            default = f.default if f.default is not dataclasses.MISSING else (
                f.default_factory() if f.default_factory is not dataclasses.MISSING else dataclasses.MISSING)
            if v == default or (default is None and v == []):  # (an empty list field stores None)
                continue
            out[f.name] = _encode(v)
        return {"record": type(value).__name__, "fields": out}
    raise TypeError(f"a journal cannot hold {type(value).__name__}")


def _decode(data: Any) -> Any:
    if data is None or isinstance(data, bool | int | float | str):
        return data
    if isinstance(data, list):
        return [_decode(v) for v in data]
    if isinstance(data, dict):
        if "tuple" in data:
            return tuple(_decode(v) for v in data["tuple"])
        if "enum" in data:
            return _ENUMS[data["enum"]](data["value"])
        if "record" in data:
            return _RECORDS[data["record"]](**{k: _decode(v) for k, v in data["fields"].items()})
    raise ValueError(f"not a value a journal holds: {str(data)[:60]}")


# -- steps and edits ---------------------------------------------------------------------------

def _where(data: Any) -> Locator:
    if not isinstance(data, list) or not all(type(x) in (str, int) for x in data):
        raise ValueError(f"not a locator: {str(data)[:60]}")
    return tuple(data)


def _encode_step(step: Step) -> dict[str, Any]:
    from familytree.workspace.editing import (
        AddRecord,
        InsertItem,
        MoveItem,
        RemoveItem,
        RemoveRecord,
        SetValue,
    )

    if isinstance(step, SetValue):
        return {"op": "set", "where": list(step.where), "name": step.name, "value": _encode(step.value)}
    if isinstance(step, InsertItem):
        return {"op": "insert", "where": list(step.where), "name": step.name, "index": step.index,
                "item": _encode(step.item)}
    if isinstance(step, RemoveItem):
        return {"op": "remove", "where": list(step.where), "name": step.name, "index": step.index}
    if isinstance(step, MoveItem):
        return {"op": "move", "where": list(step.where), "name": step.name, "source": step.source,
                "target": step.target}
    if isinstance(step, AddRecord):
        return {"op": "add", "kind": step.kind, "record": _encode(step.record)}
    if isinstance(step, RemoveRecord):
        return {"op": "delete", "kind": step.kind, "xref": step.xref}
    raise TypeError(f"a journal cannot hold a {type(step).__name__}")


def _decode_step(data: dict[str, Any]) -> Step:
    from familytree.workspace.editing import (
        AddRecord,
        InsertItem,
        MoveItem,
        RemoveItem,
        RemoveRecord,
        SetValue,
    )

    op = data["op"]
    if op == "set":
        return SetValue(_where(data["where"]), str(data["name"]), _decode(data["value"]))
    if op == "insert":
        return InsertItem(_where(data["where"]), str(data["name"]), int(data["index"]), _decode(data["item"]))
    if op == "remove":
        return RemoveItem(_where(data["where"]), str(data["name"]), int(data["index"]))
    if op == "move":
        return MoveItem(_where(data["where"]), str(data["name"]), int(data["source"]), int(data["target"]))
    if op == "add":
        return AddRecord(str(data["kind"]), _decode(data["record"]))
    if op == "delete":
        return RemoveRecord(str(data["kind"]), str(data["xref"]))
    raise ValueError(f"no step {op!r}")


def encode_edit(edit: Edit) -> dict[str, Any]:
    """An edit as JSON data: its words, its steps with their values as they are now."""
    return {"description": edit.description, "people": sorted(edit.people),
            "steps": [_encode_step(s) for s in edit.steps]}


def decode_edit(data: dict[str, Any]) -> Edit:
    from familytree.workspace.editing import Edit

    return Edit(str(data["description"]), [_decode_step(s) for s in data["steps"]],
                frozenset(str(p) for p in data.get("people", ())))


# -- the journal ---------------------------------------------------------------------------------

@slotted
class Journal:
    """A journal as read: the file its edits were made on, that file's SHA-256, the edits in order."""

    source: str
    digest: str
    edits: list[Edit] = field(default_factory=list)


class RecoveryJournal:
    """The journal of one open file's undo stack: keeps each edit's steps as first applied, writes the
    edits done (atomically) on request."""

    def __init__(self, stack: UndoStack, path: str | os.PathLike[str], source: str | os.PathLike[str] = "",
                 digest: str = "") -> None:
        """`source` is the file the tree was read from (default: the tree's own path); `digest` its SHA-256
        when the caller has it (else it is worked out now, from the file as it is on disk)."""
        self.stack = stack
        self.path = Path(path)
        self.source = os.path.abspath(os.fspath(source or stack.tree.path))
        self.digest = digest or (file_digest(self.source) if os.path.isfile(self.source) else "")
        if stack.edits:  # their values may have changed since: the journal could not replay them as done
            raise ValueError("a recovery journal follows an undo stack from its first edit")
        self._steps: dict[int, tuple[Step, dict[str, Any]]] = {}  # id(step) -> (step, its JSON)
        self.start = 0  # the edits before this one are in the file (saved)
        stack.pushing.connect(self._on_pushing)

    def saved(self, source: str | os.PathLike[str], digest: str = "") -> None:
        """The tree, as it now is, was saved to `source`: from now on the journal holds the edits done
        after this point, to replay onto that file."""
        self.start = self.stack.index
        self.source = os.path.abspath(os.fspath(source))
        self.digest = digest or (file_digest(self.source) if os.path.isfile(self.source) else "")

    def _since_saved(self) -> list[Edit]:
        # (edits undone past the point saved cannot be replayed onto the file saved: none are kept)
        return self.stack.edits[self.start:self.stack.index]

    def _on_pushing(self, edit: Edit) -> None:
        for step in edit.steps:
            self._steps[id(step)] = (step, _encode_step(step))

    def close(self) -> None:
        """Stop following the stack (the file was closed)."""
        self.stack.pushing.disconnect(self._on_pushing)

    def text(self) -> str:
        """The journal of the edits done (since last saved), as JSON text."""
        edits = [{"description": e.description, "people": sorted(e.people),
                  "steps": [self._steps[id(s)][1] for s in e.steps]}
                 for e in self._since_saved()]
        return json.dumps({"format": FORMAT, "version": VERSION, "source": self.source, "sha256": self.digest,
                           "edits": edits}, ensure_ascii=False, indent=0)

    def write(self) -> None:
        """Write the journal (atomically: a crash while writing leaves the one before); with no edits
        done since last saved, remove it."""
        if not self._since_saved():
            self.remove()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = self.text().encode("utf-8")
        with replaced(self.path) as f:
            f.write(data)

    def remove(self) -> None:
        """Remove the journal (the edits were saved, or given up)."""
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


def read_journal(path: str | os.PathLike[str]) -> Journal:
    """The journal in a file; JournalError saying why when it is not one this program can replay."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except json.JSONDecodeError as error:
        raise JournalError(f"{path}: line {error.lineno}: not a recovery journal ({error.msg})") from None
    except (OSError, UnicodeDecodeError) as error:
        raise JournalError(f"{path}: cannot be read ({error})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise JournalError(f"{path}: not a familytree recovery journal")
    if data.get("version") != VERSION:
        raise JournalError(f"{path}: a journal of version {data.get('version')}; this program reads version "
                           f"{VERSION}")
    try:
        edits = [decode_edit(e) for e in data["edits"]]
        return Journal(str(data["source"]), str(data["sha256"]), edits)
    except (KeyError, TypeError, ValueError) as error:
        raise JournalError(f"{path}: a damaged journal ({error})") from None


def replay(journal: Journal, tree: Tree, stack: UndoStack | None = None,
           check_digest: bool = True) -> UndoStack:
    """Do the journal's edits on `tree` (the journal's file read again), on `stack` (default a new one),
    so that each can be undone as before; JournalError when the file is not the one the edits were
    made on, or an edit does not fit it (then none is left done)."""
    if check_digest and journal.digest and tree.path and os.path.isfile(tree.path) \
            and file_digest(tree.path) != journal.digest:
        raise JournalError(f"{tree.path} has changed since the edits were made: they cannot be put back "
                           f"on it")
    stack = stack if stack is not None else UndoStack(tree)
    start = stack.index
    for n, edit in enumerate(journal.edits, start=1):
        try:
            stack.push(edit)
        except (LookupError, TypeError, ValueError, AttributeError) as error:
            stack.go_to(start)
            del stack.edits[start:]
            raise JournalError(f"edit {n} of {len(journal.edits)} (\u201c{edit.description}\u201d) does not "
                               f"fit the file as it now is ({error})") from None
    return stack
