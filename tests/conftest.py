import os

# Every Qt test runs offscreen; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

# The real station server fixtures (station_server, station_server_pg): see station_fixture.py.
pytest_plugins = ["tests.station_fixture"]
