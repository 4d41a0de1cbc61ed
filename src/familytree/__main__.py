"""`python -m familytree`: the same as the `familytree` command."""

import sys

from familytree.cli import main

sys.exit(main())
