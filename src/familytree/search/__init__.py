"""familytree.search"""
