"""Entry point of the frozen app: the same `csdesk` command, with or without arguments."""

import sys

from csdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
