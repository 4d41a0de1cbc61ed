"""familytree.render"""
