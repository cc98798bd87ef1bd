from civilian_responder_ui.launch import main

raise SystemExit(main())
