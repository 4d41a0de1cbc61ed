"""What kind of file a media link names (a MIME type, from FORM or the file name), and whether it is shown."""

from __future__ import annotations

__all__ = ["SHOWN_TYPES", "media_type", "is_shown", "is_packed", "kind_words", "extension"]

# The image formats Qt's plugins read on every platform familytree runs on (qtbase's JPEG, PNG,
# GIF and BMP; qtimageformats' WebP and TIFF), by MIME type with their file name extensions.
SHOWN_TYPES: dict[str, tuple[str, ...]] = {
    "image/jpeg": ("jpg", "jpeg", "jpe", "jfif"),
    "image/png": ("png",),
    "image/gif": ("gif",),
    "image/bmp": ("bmp", "dib"),
    "image/webp": ("webp",),
    "image/tiff": ("tif", "tiff"),
}
# Media families link that are not shown, but are packed into a GEDZIP with the photos: a file
# of any other type is not, so that a link to "~/.ssh/id_rsa" in a file from elsewhere cannot
# carry it into an archive the user shares.
_OTHER_TYPES: dict[str, tuple[str, ...]] = {
    "application/pdf": ("pdf",),
    "image/heic": ("heic", "heif"),
    "image/svg+xml": ("svg",),
    "image/x-pcx": ("pcx",),
    "image/jp2": ("jp2",),
    "audio/mpeg": ("mp3",),
    "audio/wav": ("wav",),
    "audio/ogg": ("ogg", "oga"),
    "audio/mp4": ("m4a",),
    "audio/flac": ("flac",),
    "video/mp4": ("mp4", "m4v"),
    "video/quicktime": ("mov",),
    "video/x-msvideo": ("avi",),
    "video/x-matroska": ("mkv",),
    "video/webm": ("webm",),
    "video/mpeg": ("mpg", "mpeg"),
    "text/plain": ("txt",),
    "text/html": ("htm", "html"),
    "application/rtf": ("rtf",),
    "application/msword": ("doc",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx",),
    "application/vnd.oasis.opendocument.text": ("odt",),
}
_BY_EXTENSION = {ext: mime for table in (SHOWN_TYPES, _OTHER_TYPES) for mime, exts in table.items()
                 for ext in exts}
# 5.5's FORM words that are no file name extension
_FORM_WORDS = {"ole": "application/x-ole", "url": "", "web": ""}
_WORDS = {"application/pdf": "a PDF document", "image/heic": "a HEIC photo",
          "image/svg+xml": "an SVG drawing", "image/x-pcx": "a PCX image", "image/jp2": "a JPEG 2000 image",
          "application/x-ole": "an OLE object"}


def extension(path: str) -> str:
    """The file name extension of a path or URL, lower case, without the dot ("" when none)."""
    name = path.split("?", 1)[0].split("#", 1)[0] if "://" in path else path
    name = name.replace("\\", "/").rpartition("/")[2]
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem else ""


def media_type(path: str, form: str = "") -> str:
    """The MIME type of a media file: its FORM (a MIME type in 7.0, "jpg" or "JPEG" in 5.x), else from
    the extension of `path`; "" when neither says."""
    form = form.strip().lower()
    if "/" in form:
        return form.split(";", 1)[0].strip()
    if form:
        known = _FORM_WORDS.get(form, _BY_EXTENSION.get(form.lstrip(".")))
        if known:
            return known
    return _BY_EXTENSION.get(extension(path), "")


def is_shown(mime: str) -> bool:
    """Whether familytree draws images of this type (thumbnails, gallery, print)."""
    return mime in SHOWN_TYPES


def is_packed(path: str) -> bool:
    """Whether a file of this name is media a save packs into a GEDZIP (see _OTHER_TYPES)."""
    return extension(path) in _BY_EXTENSION


def kind_words(mime: str, path: str = "") -> str:
    """The kind of a file in words, for a problem: "a PDF document", "a file of type audio/mpeg"."""
    if mime in _WORDS:
        return _WORDS[mime]
    if mime:
        return f"a file of type {mime}"
    ext = extension(path)
    return f"a .{ext} file" if ext else "a file of no known type"
