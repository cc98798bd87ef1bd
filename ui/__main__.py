from civilian_responder_ui.app import main

raise SystemExit(main())
