import sys

from responder.station.cli import main

sys.exit(main())
