"""``python -m desktop`` opens Parley."""

import sys

from desktop.app import main

sys.exit(main())
