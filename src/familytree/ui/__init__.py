"""familytree.ui"""
