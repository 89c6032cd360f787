"""Allow ``python -m praktijkbank``."""

import sys

from .cli import main

sys.exit(main())
