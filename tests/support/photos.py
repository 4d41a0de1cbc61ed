"""A small family with photos drawn in the test: face-like PNGs with initials, linked from a GEDCOM."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["FACES", "PhotoFamily", "face_image", "photo_family"]

# (xref, name, sex, birth year, colour of the photo's background); the photo's file is photos/<initials>.png
FACES = (
    ("@I1@", "Anna /Petrova/", "F", 1880, "#c0392b"),
    ("@I2@", "Boris /Petrov/", "M", 1878, "#2471a3"),
    ("@I3@", "Clara /Petrova/", "F", 1905, "#239b56"),
    ("@I4@", "Dmitri /Petrov/", "M", 1908, "#b9770e"),
)


def face_image(initials: str, colour: str, width: int = 300, height: int = 400):  # -> QImage
    """A portrait-like picture: a coloured ground, a pale oval face and the initials across it."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#f2d6c2"))
    painter.drawEllipse(QPointF(width / 2, height * 0.42), width * 0.3, height * 0.3)
    painter.drawEllipse(QPointF(width / 2, height * 1.02), width * 0.45, height * 0.3)
    painter.setPen(QColor("#2b2b2b"))
    font = QFont()
    font.setPixelSize(int(height * 0.16))
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRectF(0, height * 0.3, width, height * 0.25), Qt.AlignmentFlag.AlignCenter, initials)
    painter.end()
    return image


@dataclass(frozen=True, slots=True)
class PhotoFamily:
    path: Path  # the GEDCOM
    photos: dict[str, Path]  # person id -> their portrait's file
    colours: dict[str, str]  # person id -> the colour of their photo's ground
    missing_line: int  # the OBJE line of a photo that is not there (its FILE the next)


def photo_family(folder: Path, missing: bool = True, living: bool = False,
                 extra_lines: tuple[str, ...] = ()) -> PhotoFamily:
    """family.ged in `folder`: parents and two children, each with a portrait in photos/; Clara's
    birth certificate (a source) has a scan; with `missing`, Dmitri also links a photo not there;
    with `living`, Clara has a daughter Eva born 1990, living, with a portrait of her own."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["0 HEAD", "1 GEDC", "2 VERS 5.5.1", "1 CHAR UTF-8"]
    photos, colours = {}, {}
    missing_line = 0
    for xref, name, sex, year, colour in FACES:
        initials = "".join(part[0] for part in name.replace("/", "").split())
        path = folder / "photos" / f"{initials}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        assert face_image(initials, colour).save(str(path))
        photos[xref], colours[xref] = path, colour
        title = f"{name.replace('/', '')}, a portrait"
        lines += [f"0 {xref} INDI", f"1 NAME {name}", f"1 SEX {sex}", "1 BIRT", f"2 DATE {year}",
                  "1 OBJE", f"2 FILE photos/{path.name}", "2 FORM png", f"2 TITL {title}"]
        if xref == "@I3@":
            lines += ["1 SOUR @S1@", "2 PAGE entry 12"]
        if xref == "@I4@" and missing:
            missing_line = len(lines) + 1
            lines += ["1 OBJE", "2 FILE photos/lost.jpg", "2 FORM jpg", "2 TITL The lost photo"]
    lines += ["0 @F1@ FAM", "1 HUSB @I2@", "1 WIFE @I1@", "1 CHIL @I3@", "1 CHIL @I4@", "1 MARR",
              "2 DATE 1903"]
    if living:
        path = folder / "photos" / "EP.png"
        assert face_image("EP", "#7d3c98").save(str(path))
        photos["@I5@"], colours["@I5@"] = path, "#7d3c98"
        lines += ["0 @I5@ INDI", "1 NAME Eva /Petrova/", "1 SEX F", "1 BIRT", "2 DATE 1990", "1 OBJE",
                  "2 FILE photos/EP.png", "2 FORM png", "0 @F2@ FAM", "1 WIFE @I3@", "1 CHIL @I5@"]
    scan = folder / "photos" / "certificate.png"
    assert face_image("BC", "#dddddd", 400, 300).save(str(scan))
    lines += ["0 @S1@ SOUR", "1 TITL Birth certificate of Clara", "1 OBJE", "2 FILE photos/certificate.png",
              "2 FORM png", "2 TITL Certificate scan"]
    lines += [*extra_lines, "0 TRLR", ""]
    path = folder / "family.ged"
    path.write_text("\n".join(lines), encoding="utf-8")
    return PhotoFamily(path, photos, colours, missing_line)
