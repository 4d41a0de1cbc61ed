"""Images made in the test with Qt (no binary fixtures), and folders of photos beside a GEDCOM file."""

from __future__ import annotations

import zlib
from pathlib import Path

__all__ = ["image_bytes", "write_image", "huge_png", "gedcom_linking"]


def image_bytes(fmt: str = "PNG", width: int = 40, height: int = 30, seed: int = 1) -> bytes:
    """An image of `fmt` (PNG, JPEG, BMP...) whose pixels depend on `seed`: two seeds, two files."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor((seed * 67) % 256, (seed * 139) % 256, (seed * 29) % 256))
    for x in range(0, width, 3):  # a pattern, so that a crop or a scale is seen in the pixels
        for y in range(0, height, 5):
            image.setPixelColor(x, y, QColor(255 - (x * 7) % 256, (y * 11) % 256, seed % 256))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, fmt), fmt
    return bytes(data.data())


def write_image(path: Path, fmt: str = "", width: int = 40, height: int = 30, seed: int = 1) -> bytes:
    """Write an image at `path` (its format from the suffix unless given); its bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = image_bytes(fmt or path.suffix.lstrip(".").upper().replace("JPG", "JPEG"), width, height, seed)
    path.write_bytes(data)
    return data


def huge_png(width: int, height: int) -> bytes:
    """A valid PNG of width x height one-bit pixels, all black: a few hundred kilobytes that a
    reader decoding it whole would need width * height * 4 bytes for (a decompression bomb)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes((1, 0, 0, 0, 0))  # 1-bit grey
    row = bytes(1 + (width + 7) // 8)  # filter byte, then the row's bits
    deflate = zlib.compressobj(9)
    parts = [deflate.compress(row * 256) for _ in range(height // 256)]
    parts.append(deflate.compress(row * (height % 256)))
    parts.append(deflate.flush())
    signature = b"\x89PNG\r\n\x1a\n"
    return signature + chunk(b"IHDR", header) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b"")


def gedcom_linking(folder: Path, links: list[str], version: str = "5.5.1") -> Path:
    """family.ged in `folder`: one person per link (@I1@, @I2@...), each with an inline OBJE of that FILE."""
    lines = ["0 HEAD", "1 GEDC", f"2 VERS {version}"]
    for i, link in enumerate(links, 1):
        lines += [f"0 @I{i}@ INDI", f"1 NAME Person{i} /Test/", "1 OBJE", f"2 FILE {link}"]
    path = folder / "family.ged"
    path.write_text("\n".join([*lines, "0 TRLR", ""]), encoding="utf-8")
    return path
