"""``responder-station`` admin commands, run in-process (and once as a real subprocess)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from civilian_responder.station.cli import main
from civilian_responder.station.errors import AuthFailed, Revoked
from civilian_responder.station.service import open_station

from tests.station.conftest import report_change
from tests.station_fixture import REPO

EIDO = REPO / "tests" / "station" / "eido" / "eido-2022.json"


@pytest.fixture()
def db(tmp_path):
    return str(tmp_path / "station.db")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_module_entry_point_with_env_database(tmp_path):
    env = dict(os.environ, RESPONDER_STATION_DATABASE=str(tmp_path / "env.db"),
               PYTHONPATH=str(REPO))
    out = subprocess.run([sys.executable, "-m", "civilian_responder.station",
                          "enroll-device", "--unit",
                          "CSO-12"], cwd=REPO, env=env, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", out.stdout)
    assert (tmp_path / "env.db").exists()


def test_enroll_list_revoke_and_admin_token(capsys, db):
    assert run(capsys, "init", "--database", db)[0] == 0
    code, out, _ = run(capsys, "enroll-device", "--unit", "CSO-12", "--database", db)
    enrollment_code = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", out).group(0)
    station = open_station(db)
    device = station.devices.enroll(enrollment_code, "van-3")
    code, out, _ = run(capsys, "list-devices", "--database", db)
    assert device.device_id in out and "active" in out
    assert run(capsys, "revoke-device", device.device_id, "--database", db)[0] == 0
    assert "revoked" in run(capsys, "list-devices", "--database", db)[1]
    code, _, err = run(capsys, "revoke-device", "no-such-device", "--database", db)
    assert code == 2 and "No device" in err
    code, out, _ = run(capsys, "create-admin-token", "--role", "supervisor", "--database", db)
    token = out.strip().splitlines()[-1]
    assert station.devices.identify(token).role == "supervisor"
    token_id = re.search(r"id ([0-9a-f-]{36})", out).group(1)
    assert token_id in run(capsys, "list-admin-tokens", "--database", db)[1]
    assert run(capsys, "revoke-admin-token", token_id, "--database", db)[0] == 0
    with pytest.raises(Revoked):
        station.devices.identify(token)
    code, out, _ = run(capsys, "create-admin-token", "--role", "dispatcher", "--days", "-1",
                       "--database", db)
    with pytest.raises(AuthFailed, match="expired"):
        station.devices.identify(out.strip().splitlines()[-1])
    station.close()


def test_dispatch_commands(capsys, db):
    code, out, _ = run(capsys, "add-call", "--unit", "CSO-12", "--type", "5150", "--priority",
                       "2", "--address", "1200 Mission St", "--caution", "Dog", "--database", db)
    assert code == 0
    cad = re.search(r"Call (\S+) ", out).group(1)
    code, out, _ = run(capsys, "update-call", cad, "--priority", "1", "--note", "Knife seen",
                       "--database", db)
    assert code == 0 and "P1" in out
    assert "unit CSO-14" in run(capsys, "update-call", cad, "--reassign", "CSO-14",
                                "--database", db)[1]
    assert "cancelled" in run(capsys, "update-call", cad, "--cancel", "--reason", "Resolved",
                              "--database", db)[1]
    code, _, err = run(capsys, "add-call", "--unit", "CSO-12", "--type", "NOPE", "--priority",
                       "9", "--address", "x", "--database", db)
    assert code == 2 and "type_code" in err and "priority" in err
    assert "created" in run(capsys, "import-eido", str(EIDO), "--unit", "CSO-12",
                            "--database", db)[1]
    assert "updated" in run(capsys, "import-eido", str(EIDO), "--database", db)[1]
    code, _, err = run(capsys, "import-eido", str(REPO / "pyproject.toml"), "--unit", "X",
                       "--database", db)
    assert code == 2 and "not valid JSON" in err


def test_review_commands(capsys, db):
    station = open_station(db)
    call = station.create_call({"unit_id": "CSO-12", "type_code": "WELCK", "priority": 3,
                                "address": "1 Main"}, "dispatch")
    code = station.devices.make_code("CSO-12")[0]
    device = station.devices.get(station.devices.enroll(code, "van").device_id)
    report = report_change(call["id"])
    assert station.pusher.push(device, [report])[0]["status"] == "applied"
    report_id = report["entity_id"]
    assert report_id in run(capsys, "review", "list", "--database", db)[1]
    assert '"narrative": "Met the person"' in run(capsys, "review", "show", report_id,
                                                  "--database", db)[1]
    code, _, err = run(capsys, "review", "return", report_id, "--database", db)
    assert code == 2 and "comment" in err
    code, out, _ = run(capsys, "review", "return", report_id, "--comment", "Add referral",
                       "--reviewer", "sgt-lee", "--database", db)
    assert code == 0 and "returned" in out
    resubmit = report_change(call["id"], report_id, narrative="Referred to clinic")
    assert station.pusher.push(device, [resubmit])[0]["status"] == "applied"
    assert "approved" in run(capsys, "review", "approve", report_id, "--database", db)[1]
    code, _, err = run(capsys, "review", "approve", report_id, "--database", db)
    assert code == 2 and "approved" in err
    late = report_change(call["id"], report_id, narrative="Edited after approval")
    assert station.pusher.push(device, [late])[0]["status"] == "conflict"
    code, out, _ = run(capsys, "list-conflicts", "--database", db)
    assert code == 0 and report_id in out and "approved" in out
    station.close()


def test_new_epoch_after_a_restore(capsys, db):
    station = open_station(db)
    before = station.epoch
    assert before == station.epoch  # stable until asked to change
    code, out, _ = run(capsys, "new-epoch", "--database", db)
    assert code == 0 and "re-send" in out
    assert station.epoch != before
    station.close()
