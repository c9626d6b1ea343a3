"""``python -m pensiones`` runs the command line (see :mod:`pensiones.cli`)."""

import sys

from pensiones.cli import main

sys.exit(main())
