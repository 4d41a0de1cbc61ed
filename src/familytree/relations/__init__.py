"""familytree.relations"""
