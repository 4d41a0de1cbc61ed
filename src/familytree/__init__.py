"""familytree: a desktop genealogy and family-relationship explorer."""

__version__ = "0.1.0"
