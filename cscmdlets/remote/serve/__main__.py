"""``python -m cscmdlets.remote.serve``: the ``cscmdlets serve`` command on its own."""

from __future__ import annotations

import argparse
import logging
import signal
import sys

from ...cli.serve_cmd import _open_tenant, add_arguments, run


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m cscmdlets.remote.serve")
    add_arguments(parser)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, stream=sys.stderr)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # SIGTERM closes cleanly, like Ctrl+C
    return run(args, _open_tenant)


if __name__ == "__main__":
    sys.exit(main())
