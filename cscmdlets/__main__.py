"""``python -m cscmdlets``: the same as the ``cscmdlets`` command."""

import sys

from .cli.main import main

sys.exit(main())
