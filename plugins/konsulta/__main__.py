"""`python -m konsulta`: the konsulta command."""

import sys

from .cli import main

sys.exit(main())
