"""familytree.gedcom"""
