"""The photos and other media files of a tree: found on disk, in a GEDZIP or by name, and packed on saving.

    catalog = media_catalog(tree)             # reads folders: off the GUI thread for a large tree
    catalog.problems                          # Diagnostics: missing, ambiguous, remote, unsupported
    catalog.primary_photo("@I1@")             # a Photo: its file, location (disk or archive), crop
    save_tree(tree, "family.gdz")             # the photos the tree links packed into the archive

Pure: the standard library, the model and the GEDZIP reader; thumbnails are render's.
"""

from familytree.media.catalog import MediaCatalog, Photo, media_catalog, media_problems
from familytree.media.formats import is_shown, media_type
from familytree.media.links import Crop, MediaFile, MediaLink, Owner
from familytree.media.locate import NAME_SEARCH, Found, Location, Locator, NameSearch
from familytree.media.saving import plan_media, relink, save_tree

__all__ = [
    "NAME_SEARCH", "Crop", "Found", "Location", "Locator", "MediaCatalog", "MediaFile", "MediaLink",
    "NameSearch", "Owner", "Photo", "is_shown", "media_catalog", "media_problems", "media_type", "plan_media",
    "relink", "save_tree",
]
