"""Turn the bytes of a GEDCOM file into text: BOM, NUL pattern, UTF-8 validity, then the CHAR header."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import field

from familytree.model.slotted import slotted

__all__ = ["Decoded", "decode_bytes", "codec_for_char", "codec_named"]

Cancel = Callable[[], bool]

# CHAR values seen in the wild -> Python codec ("ansel" is our own, gedcom/ansel.py).
_CHAR_CODECS = {
    "UTF-8": "utf-8", "UTF8": "utf-8", "UNICODE": "utf-16", "UTF-16": "utf-16", "UTF16": "utf-16",
    "ANSEL": "ansel", "ASCII": "ascii", "ANSI": "cp1252", "WINDOWS": "cp1252", "IBM WINDOWS": "cp1252",
    "IBMPC": "cp437", "IBM PC": "cp437", "IBM-PC": "cp437", "IBM DOS": "cp437", "MSDOS": "cp437",
    "DOS": "cp437", "OEM": "cp437", "CP437": "cp437", "CP850": "cp850", "LATIN1": "latin-1",
    "LATIN-1": "latin-1", "ISO-8859-1": "latin-1", "ISO8859-1": "latin-1", "ISO-8859-15": "iso8859-15",
    "CP1252": "cp1252", "WINDOWS-1252": "cp1252", "MACINTOSH": "mac-roman", "MACROMAN": "mac-roman",
    "CP1250": "cp1250", "CP1251": "cp1251", "WINDOWS-1250": "cp1250", "WINDOWS-1251": "cp1251",
}

# Names we report as "detected", as a user would recognise them.
_DISPLAY = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE",
    "utf-32-le": "UTF-32LE", "utf-32-be": "UTF-32BE",
    "ansel": "ANSEL", "ascii": "ASCII", "cp1252": "CP1252", "cp437": "CP437", "latin-1": "ISO-8859-1",
    "iso8859-15": "ISO-8859-15", "cp850": "CP850", "mac-roman": "MacRoman", "cp1250": "CP1250",
    "cp1251": "CP1251",
}

_CODECS_BY_NAME = {shown: codec for codec, shown in _DISPLAY.items()}

_CHAR_RE = re.compile(rb"(?:^|[\r\n])[ \t]*1[ \t]+CHAR[ \t]+([^\r\n]*)")
_RECORD_RE = re.compile(rb"[\r\n][ \t]*0[ \t]")


@slotted
class Decoded:
    text: str
    declared: str  # the CHAR value as written ("" when absent)
    detected: str  # what the bytes were decoded as, for people: "UTF-8", "ANSEL", "UTF-16LE"...
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


def codec_for_char(value: str) -> str | None:
    """The Python codec for a CHAR header value, or None when unknown."""
    return _CHAR_CODECS.get(" ".join(value.upper().split()))


def codec_named(detected: str) -> str | None:
    """The codec of an encoding as `Decoded.detected` names it ("CP1252" -> "cp1252"), or None."""
    return _CODECS_BY_NAME.get(detected)


def _declared_char(data: bytes) -> tuple[str, int]:
    """The CHAR value of the header of 8-bit or UTF-8 data and its line number."""
    end = len(data)
    m0 = _RECORD_RE.search(data, 1)  # the first record after HEAD ends the header
    if m0 is not None:
        end = m0.start()
    m = _CHAR_RE.search(data, 0, min(end, 1 << 20))
    if m is None:
        return "", 0
    line = data.count(b"\n", 0, m.start() + 1) + 1 if b"\n" in data[: m.start() + 1] else \
        data.count(b"\r", 0, m.start() + 1) + 1
    return m.group(1).decode("latin-1").strip(), line


_UTF16LE_START = re.compile(rb"(?:[\t\n\r ]\x00)*[0-9]\x00[\t ]\x00[@A-Z_a-z]\x00")
_UTF16BE_START = re.compile(rb"(?:\x00[\t\n\r ])*\x00[0-9]\x00[\t ]\x00[@A-Z_a-z]")


def _utf16_by_nuls(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII digits and tags leave NULs on one side of every pair."""
    # A file that starts "0 HEAD" with a NUL after each letter is UTF-16 however little ASCII follows
    # (a file in Japanese has no NULs in its text)
    if _UTF16LE_START.match(data, 0, 64):
        return "utf-16-le"
    if _UTF16BE_START.match(data, 0, 64):
        return "utf-16-be"
    sample = data[:2000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.6 and even < half * 0.1:
        return "utf-16-le"
    if even > half * 0.6 and odd < half * 0.1:
        return "utf-16-be"
    return None


def _looks_like_ansel(data: bytes) -> bool:
    """ANSEL puts combining marks (0xE0-0xFE) before an ASCII letter; 8-bit code pages rarely do."""
    sample = data[: 1 << 20]
    combining = len(re.findall(rb"[\xe0-\xfe][A-Za-z]", sample))
    high = len(sample.translate(None, bytes(range(0x80))))
    return high > 0 and combining * 2 >= high


def _decode_8bit(data: bytes, codec: str, cancel: Cancel | None) -> tuple[str, list[tuple[int, str]], str]:
    """The text, what went wrong, and the codec actually used."""
    warnings: list[tuple[int, str]] = []
    if codec == "ansel":
        from familytree.gedcom import ansel  # (its tables are made for the first ANSEL file)

        bad = ansel.first_foreign(data)
        if bad >= 0:
            # bytes ANSEL does not have: most often a Windows export that calls itself ANSEL
            line = data.count(b"\n", 0, bad) + 1
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                warnings.append((line, "some ANSEL bytes could not be decoded; replaced by \ufffd"))
            else:
                warnings.append((line, "the file has bytes that ANSEL does not define; read as CP1252"))
                return text, warnings, "cp1252"
        # ANSEL stores a letter and its accents apart; they are composed as a UTF-8 file would have them
        return ansel.decode(data, cancel), warnings, "ansel"
    try:
        return data.decode(codec), warnings, codec
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        shown = _DISPLAY.get(codec, codec)
        warnings.append((line, f"bytes that are not valid {shown} were replaced by \ufffd"))
        return data.decode(codec, errors="replace"), warnings, codec


def decode_bytes(data: bytes, cancel: Cancel | None = None) -> Decoded:
    """Decode a GEDCOM file's bytes; every guess that overrides the header is a warning.

    Raises only LoadCancelled, when cancel() returns True while a long ANSEL file is decoded.
    """
    # 1. A byte order mark is the strongest evidence there is.
    if data.startswith(codecs.BOM_UTF8):
        declared, line = _declared_char(data)
        return _finish(data[3:], "utf-8", "UTF-8", declared, line)
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")):
        if data.startswith(bom):  # (before UTF-16LE, whose BOM starts the UTF-32LE one)
            return _utf16(data[4:], codec)
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _utf16(data[2:], codec)
    # 2. UTF-16 without BOM betrays itself by NULs in every other byte.
    codec16 = _utf16_by_nuls(data)
    if codec16 is not None:
        return _utf16(data, codec16)
    declared, line = _declared_char(data)
    want = codec_for_char(declared) if declared else None
    # 3. Valid UTF-8 with non-ASCII bytes is UTF-8, whatever the header says.
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if text.isascii():
            shown = {"utf-16": "ASCII", None: "ASCII"}.get(want, _DISPLAY.get(want or "", "ASCII"))
            dec = Decoded(text, declared, "ASCII" if want in ("utf-8", "ascii", None) else shown)
            if want == "utf-16":
                dec.warnings.append((line, f"the header declares CHAR {declared}, but the file is not "
                                           "UTF-16; read as ASCII"))
            return dec
        dec = Decoded(text, declared, "UTF-8")
        if declared and want != "utf-8":
            dec.warnings.append((line, f"the header declares CHAR {declared or '(none)'}, but the file is "
                                       "UTF-8; read as UTF-8"))
        return dec
    # 4. 8-bit data: trust the header, unless it claims a Unicode form the bytes cannot be.
    if want in (None, "utf-8", "utf-16", "ascii"):
        guess = "ansel" if _looks_like_ansel(data) else "cp1252"
        reason = f"declares CHAR {declared}" if declared else "declares no CHAR"
        warn = (line, f"the header {reason}, but the file has 8-bit bytes that are not UTF-8; "
                      f"read as {_DISPLAY[guess]}")
        text, warnings, used = _decode_8bit(data, guess, cancel)
        return Decoded(text, declared, _DISPLAY.get(used, used), [warn, *warnings])
    text, warnings, used = _decode_8bit(data, want, cancel)
    return Decoded(text, declared, _DISPLAY.get(used, used), warnings)


def _finish(data: bytes, codec: str, shown: str, declared: str, line: int) -> Decoded:
    try:
        text = data.decode(codec)
        warnings: list[tuple[int, str]] = []
    except UnicodeDecodeError as e:
        text = data.decode(codec, errors="replace")
        warnings = [(data.count(b"\n", 0, e.start) + 1,
                     "bytes that are not valid UTF-8 were replaced by \ufffd")]
    want = codec_for_char(declared) if declared else None
    if declared and want not in ("utf-8", "ascii") and not (want == "utf-16" and shown.startswith("UTF-16")):
        warnings.append((line, _lying(declared, shown)))
    return Decoded(text, declared, shown, warnings)


def _utf16(data: bytes, codec: str) -> Decoded:
    """UTF-16 (or, though GEDCOM has no such thing, UTF-32) text."""
    width = 4 if codec.startswith("utf-32") else 2
    if len(data) % width:
        data = data[: len(data) - len(data) % width]
    text = data.decode(codec, errors="replace")
    shown = _DISPLAY[codec]
    warnings: list[tuple[int, str]] = []
    if width == 4:
        warnings.append((0, f"the file is {shown}, which GEDCOM does not allow; read as {shown}"))
    if "\ufffd" in text:
        warnings.append((text.count("\n", 0, text.index("\ufffd")) + 1,
                         f"bytes that are not valid {shown} were replaced by \ufffd"))
    m = re.search(r"(?:^|[\r\n])[ \t]*1[ \t]+CHAR[ \t]+([^\r\n]*)", text[:100000])
    declared = m.group(1).strip() if m else ""
    line = text.count("\n", 0, m.start() + 1) + 1 if m else 0
    want = codec_for_char(declared) if declared else None
    if declared and want != "utf-16" and width == 2:
        warnings.append((line, _lying(declared, shown)))
    return Decoded(text, declared, shown, warnings)


def _lying(declared: str, shown: str) -> str:
    return f"the header declares CHAR {declared}, but the file is {shown}; read as {shown}"
