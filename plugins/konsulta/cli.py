"""The `konsulta` command."""

from __future__ import annotations

import argparse
import sys

from . import __version__


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="konsulta", description="Konsulta: consultation publishing on Pelican.")
    parser.add_argument("--version", action="version", version=f"konsulta {__version__}")
    parser.parse_args(argv)
    parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
