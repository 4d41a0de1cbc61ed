"""Headless sub-commands of `familytree`; each module has add_arguments(parser) and run(ns) -> int."""
