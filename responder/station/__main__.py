import sys

from civilian_responder.station.cli import main

sys.exit(main())
