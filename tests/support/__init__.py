"""Helpers the test modules share: trees built in code, the GUI window, the corpus files."""
