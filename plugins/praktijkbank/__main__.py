"""Allow ``python -m praktijkbank``."""

import sys

from praktijkbank.cli.main import main

sys.exit(main())
