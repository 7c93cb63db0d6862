"""`python -m baogao`: the same as the `baogao` command."""

import sys

from baogao.cli import main

sys.exit(main())
