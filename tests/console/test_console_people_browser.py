"""The people merge in a real browser (Debian's chromium via Selenium) against a real station
subprocess, with two real units (the app core and its sync client): both met the same person,
the supervisor sees them as possible duplicates, merges one into the other after the
confirmation page, and both units see one person after their next sync."""

from __future__ import annotations

import pytest
from civilian_responder.sync import SyncSettings

from tests.console.browser import CHROMEDRIVER, CHROMIUM, chromium, shoot
from tests.console.test_console_browser import PASSWORD, _by, _wait, sign_in
from tests.station_process import StationProcess
from tests.sync_checks import enrolled_app

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="needs Debian's chromium and chromium-driver (.ci/run installs them)",
)
SETTINGS = SyncSettings(timeout=10.0, probe_timeout=1.0)


@pytest.fixture()
def station(tmp_path):
    server = StationProcess(tmp_path / "station").start()
    server.station.staff.add("supervisor.one", "supervisor", PASSWORD)
    yield server
    server.close()


def unit(station, profile, name):
    return enrolled_app(station, profile, name, SETTINGS)


def test_a_supervisor_merges_two_people_in_the_browser_and_both_units_see_one(
    station, tmp_path
):
    a = unit(station, tmp_path / "a", "CSO-1")
    b = unit(station, tmp_path / "b", "CSO-2")
    try:
        kim_a = a.people.add_person("Kim Reyes", "25_34", "red backpack")
        kim_b = b.people.add_person("kim reyes", "25_34")
        b.people.record_contact(person_id=kim_b.id, address="11th St bridge",
                                what_helped="asked about her dog")
        a.sync.sync()
        b.sync.sync()
        with chromium(tmp_path / "profile") as driver:
            sign_in(driver, station.url, "supervisor")
            driver.get(f"{station.url}/console/people?q=reyes")
            pairs = driver.find_element(_by("ID"), "pairs")
            assert kim_a.id in pairs.text and kim_b.id in pairs.text
            shoot(driver, "console-people")
            # Nothing was merged by itself.
            assert b.people.current(kim_b.id).id == kim_b.id
            button = pairs.find_element(
                _by("CSS_SELECTOR"),
                f"button.merge-pair[data-keep='{kim_a.id}'][data-gone='{kim_b.id}']",
            )
            button.click()
            _wait(driver, lambda d: "Merge people?" in d.page_source)
            assert kim_b.id in driver.find_element(_by("ID"), "confirm-gone").text
            assert kim_a.id in driver.find_element(_by("ID"), "confirm-keep").text
            shoot(driver, "console-people-confirm")
            driver.find_element(_by("ID"), "confirm-merge").click()
            _wait(driver, lambda d: "People merged" in d.page_source)
            assert f"/console/people/{kim_a.id}" in driver.current_url
            assert "asked about her dog" in driver.find_element(_by("ID"), "contacts").text
            assert kim_b.id in driver.find_element(_by("ID"), "merged-from").text
            shoot(driver, "console-person-merged")
        audit = station.station.staff.audit_trail("supervisor.one")
        assert any(r["action"] == "person.merge" and r["target"] == kim_b.id for r in audit)
        a.sync.sync()
        b.sync.sync()
        for app in (a, b):
            assert [p.id for p in app.people.suggest("reyes")] == [kim_a.id]
        assert b.people.current(kim_b.id).id == kim_a.id
    finally:
        a.close()
        b.close()
