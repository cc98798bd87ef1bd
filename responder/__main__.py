from civilian_responder.cli import main

raise SystemExit(main())
