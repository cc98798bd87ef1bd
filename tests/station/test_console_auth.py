"""Console sign-in: staff accounts, cookies, session fixation, CSRF, lockout, roles × pages."""

from __future__ import annotations

import pytest
from civilian_responder.station import cli
from civilian_responder.station.console.session import COOKIE
from civilian_responder.station.storage.staff import check_password
from civilian_responder.station.storage.tables import staff as staff_table

from tests.console_support import (
    PASSWORD,
    ROLES,
    Unit,
    browser,
    csrf_of,
    make_station,
    post_form,
    sign_in,
    signed_in,
)


@pytest.fixture()
def station(tmp_path):
    station = make_station(tmp_path)
    yield station
    station.close()


def test_staff_commands_add_list_disable_with_a_hashed_password(tmp_path, monkeypatch, capsys):
    db = str(tmp_path / "cli.db")
    monkeypatch.setenv("RESPONDER_STAFF_PASSWORD", "correct horse battery")
    assert cli.main(["staff", "add", "M.Lee", "--role", "program_manager", "--database", db]) == 0
    assert cli.main(["staff", "list", "--database", db]) == 0
    assert "m.lee" in capsys.readouterr().out
    monkeypatch.setenv("RESPONDER_STAFF_PASSWORD", "short")
    assert cli.main(["staff", "add", "x.y", "--role", "admin", "--database", db]) == 2
    assert "at least 10" in capsys.readouterr().err
    assert cli.main(["staff", "add", "z.z", "--database", db]) == 2  # no role
    station = cli._open(cli.build_parser().parse_args(["init", "--database", db]))
    with station.engine.connect() as conn:
        stored = conn.execute(staff_table.select()).one().password_hash
    assert stored.startswith("scrypt$16384$8$1$") and "correct horse" not in stored
    assert check_password("correct horse battery", stored)
    assert not check_password("correct horse batterY", stored)
    assert cli.main(["staff", "disable", "m.lee", "--database", db]) == 0
    assert station.staff.get("m.lee").disabled_at is not None
    client = browser(station)
    page = client.get("/console/signin")
    answer = client.post(
        "/console/signin",
        data={"csrf": csrf_of(page.text), "name": "m.lee", "password": "correct horse battery"},
    )
    assert answer.status_code == 401


def test_sign_in_sets_a_strict_httponly_cookie_and_names_who_is_signed_in(station):
    client = browser(station)
    answer = sign_in(client, "dispatcher")
    assert answer.status_code == 303
    cookie = [c for c in answer.headers.get_list("set-cookie") if c.startswith(COOKIE + "=")][0]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/console" in cookie
    assert "Secure" not in cookie  # plain HTTP on loopback: a Secure cookie would never return
    page = client.get("/console/board")
    assert "Signed in as <strong>dispatcher1</strong> (Dispatcher)" in page.text
    assert 'action="/console/signout"' in page.text


def test_cookie_is_secure_over_https(station):
    client = browser(station)
    client.base_url = "https://127.0.0.1"
    answer = sign_in(client, "admin")
    cookie = [c for c in answer.headers.get_list("set-cookie") if c.startswith(COOKIE + "=")][0]
    assert "Secure" in cookie


def test_a_session_id_planted_before_sign_in_is_replaced_and_worth_nothing(station):
    victim = browser(station)
    victim.cookies.set(COOKIE, "attacker-chosen-id", domain="127.0.0.1", path="/console")
    sign_in(victim, "supervisor")
    new_id = victim.cookies.get(COOKIE, path="/console")
    assert new_id and new_id != "attacker-chosen-id"
    attacker = browser(station)
    attacker.cookies.set(COOKIE, "attacker-chosen-id", domain="127.0.0.1", path="/console")
    assert attacker.get("/console/review", follow_redirects=False).status_code == 303
    # A valid id planted in a browser (the attacker's own session) is ended, not reused,
    # when someone signs in from that browser.
    planted = browser(station)
    planted.cookies.set(COOKIE, new_id, domain="127.0.0.1", path="/console")
    form = browser(station).get("/console/signin")
    planted.cookies.set(
        "responder_console_pre",
        form.cookies["responder_console_pre"],
        domain="127.0.0.1",
        path="/console",
    )
    answer = planted.post(
        "/console/signin",
        data={"csrf": csrf_of(form.text), "name": "admin1", "password": PASSWORD},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert planted.cookies.get(COOKIE, path="/console") not in (new_id, None)
    assert station.staff.session(new_id) is None
    thief = browser(station)
    thief.cookies.set(COOKIE, new_id, domain="127.0.0.1", path="/console")
    assert thief.get("/console/review", follow_redirects=False).status_code == 303


def test_without_a_session_every_page_redirects_to_sign_in(station):
    client = browser(station)
    for path in (
        "/console/",
        "/console/review",
        "/console/board",
        "/console/board/live",
        "/console/figures",
        "/console/admin",
        "/console/admin/audit",
    ):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303, path
        assert answer.headers["location"].startswith("/console/signin"), path
    assert client.post("/console/board/calls", data={}, follow_redirects=False).status_code == 303


PAGES = {
    "/console/review": {"supervisor", "clinical_supervisor"},
    "/console/board": {"dispatcher"},
    "/console/board/live": {"dispatcher"},
    "/console/people": {"supervisor", "clinical_supervisor"},
    "/console/figures": {"supervisor", "clinical_supervisor", "program_manager"},
    "/console/figures/metrics.csv": {"supervisor", "clinical_supervisor", "program_manager"},
    "/console/admin": {"admin"},
    "/console/admin/staff": {"admin"},
    "/console/admin/checklists": {"admin"},
    "/console/admin/conflicts": {"admin"},
    "/console/admin/settings": {"admin"},
    "/console/admin/audit": {"admin"},
    "/console/review/{report}": {"supervisor", "clinical_supervisor", "program_manager"},
    "/console/reports/{report}/pdf": {"supervisor", "clinical_supervisor", "program_manager"},
    "/console/board/call/{call}": {"dispatcher"},
}


def test_every_role_against_every_page(station):
    clients = {role: signed_in(station, role) for role in ROLES}
    unit = Unit(station, clients["dispatcher"])
    report = unit.report()
    call = unit.call()
    for template, allowed in PAGES.items():
        path = template.format(report=report, call=call["id"])
        for role, client in clients.items():
            answer = client.get(path, follow_redirects=False)
            expected = 200 if role in allowed else 403
            assert answer.status_code == expected, (role, path, answer.status_code)
            if expected == 403:
                assert "Your role does not include this page" in answer.text


def test_a_dispatcher_cannot_approve_and_a_supervisor_cannot_enroll(station):
    dispatcher, supervisor = signed_in(station, "dispatcher"), signed_in(station, "supervisor")
    report = Unit(station, dispatcher).report()
    token = csrf_of(dispatcher.get("/console/board").text)
    answer = dispatcher.post(
        f"/console/review/{report}/decide", data={"csrf": token, "decision": "approve"}
    )
    assert answer.status_code == 403
    assert station.review.show(report)["report"]["state"] == "submitted"
    token = csrf_of(supervisor.get("/console/review").text)
    answer = supervisor.post("/console/admin/enroll", data={"csrf": token, "unit_id": "CSO-1"})
    assert answer.status_code == 403
    with station.engine.connect() as conn:
        from civilian_responder.station.storage.tables import enrollment_codes

        assert (
            conn.execute(
                enrollment_codes.select().where(enrollment_codes.c.unit_id == "CSO-1")
            ).first()
            is None
        )


def test_every_form_is_refused_without_its_csrf_token(station):
    clients = {role: signed_in(station, role) for role in ROLES}
    unit = Unit(station, clients["dispatcher"])
    report, call = unit.report(), unit.call()
    device = station.devices.all()[0]
    forms = [
        ("supervisor", f"/console/review/{report}/decide", {"decision": "approve"}),
        (
            "dispatcher",
            "/console/board/calls",
            {"unit_id": unit.unit_id, "type_code": "WELCK", "priority": "3", "address": "1 A St"},
        ),
        ("dispatcher", "/console/board/eido", {"unit": unit.unit_id}),
        ("dispatcher", f"/console/board/call/{call['id']}", {"action": "cancel"}),
        ("admin", "/console/admin/enroll", {"unit_id": "CSO-5"}),
        ("admin", f"/console/admin/devices/{device.id}/revoke", {}),
        ("admin", "/console/admin/staff", {"action": "disable", "name": "dispatcher1"}),
        ("admin", "/console/admin/checklists", {}),
        ("admin", "/console/admin/settings", {"name": "retention_days", "value": "1"}),
        ("supervisor", "/console/people/merge", {"keep": "a", "gone": "b", "confirm": "yes"}),
        ("admin", "/console/signout", {}),
    ]
    for role, action, data in forms:
        for token in (
            None,
            "not-the-token",
            csrf_of(clients["admin"].get("/console/admin").text)
            if role != "admin"
            else csrf_of(clients["supervisor"].get("/console/review").text),
        ):
            body = dict(data) if token is None else dict(data, csrf=token)
            answer = clients[role].post(action, data=body, follow_redirects=False)
            assert answer.status_code == 403, (role, action, token)
            assert "without its security token" in answer.text
    assert station.review.show(report)["report"]["state"] == "submitted"
    assert station.dispatch.get(call["id"])["call"]["cancelled"] is False
    assert station.devices.get(device.id).revoked_at is None
    assert station.staff.get("dispatcher1").disabled_at is None
    assert clients["admin"].get("/console/admin").status_code == 200  # still signed in
    # The sign-in form has its own token too.
    fresh = browser(station)
    answer = fresh.post(
        "/console/signin", data={"name": "admin1", "password": PASSWORD}, follow_redirects=False
    )
    assert answer.status_code == 403
    assert f"{COOKIE}=" not in answer.headers.get("set-cookie", "")


def test_repeated_failures_lock_the_account_and_are_audited(station):
    client = browser(station)
    for _ in range(5):
        assert sign_in(client, "supervisor", "wrong password!").status_code == 401
    assert sign_in(client, "supervisor", "wrong password!").status_code == 429
    locked = sign_in(client, "supervisor")  # the right password does not unlock early
    assert locked.status_code == 429 and "Too many failed sign-ins" in locked.text
    assert sign_in(client, "dispatcher").status_code == 303  # other accounts are unaffected
    trail = station.staff.audit_trail("supervisor1")
    actions = [r["action"] for r in trail]
    assert actions.count("signin.failed") == 5 and "signin.locked" in actions
    assert "signin" not in actions
    assert all(r["address"] for r in trail if r["action"].startswith("signin"))


def test_sign_out_ends_the_session_on_the_station(station):
    client = signed_in(station, "admin")
    old = client.cookies.get(COOKIE, path="/console")
    answer = post_form(client, "/console/admin", "/console/signout", {})
    assert answer.status_code == 303
    other = browser(station)
    other.cookies.set(COOKIE, old, domain="127.0.0.1", path="/console")
    assert other.get("/console/admin", follow_redirects=False).status_code == 303
    assert "signout" in [r["action"] for r in station.staff.audit_trail("admin1")]


def test_disabling_an_account_ends_its_sessions(station):
    dispatcher = signed_in(station, "dispatcher")
    admin = signed_in(station, "admin")
    post_form(
        admin,
        "/console/admin/staff",
        "/console/admin/staff",
        {"action": "disable", "name": "dispatcher1"},
    )
    assert dispatcher.get("/console/board", follow_redirects=False).status_code == 303


def test_admin_tokens_keep_working_for_the_api(station):
    _admin, token = station.devices.create_admin_token("supervisor", "script")
    client = browser(station)
    answer = client.get("/api/v1/reports", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200 and answer.json() == {"reports": []}
    # ...and a console session is not an API credential.
    signed = signed_in(station, "supervisor")
    assert signed.get("/api/v1/reports").status_code == 401
