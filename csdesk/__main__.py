"""`python -m csdesk` is the same as the `csdesk` command."""

import sys

from csdesk.cli import main

sys.exit(main())
