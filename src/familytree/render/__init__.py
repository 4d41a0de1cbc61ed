"""Qt drawing of chart layouts: the scene, its items and palettes, reused for screen, paper and files."""
