import json

import pytest
from civilian_responder.errors import ValidationError
from civilian_responder.reference import load_reference
from civilian_responder.resource_files import resource_path


def test_seventeen_dispositions_in_seven_groups():
    ref = load_reference()
    assert len(ref.dispositions) == 17
    assert len(ref.disposition_groups) == 7
    assert {d.get("group") for d in ref.dispositions} == set(ref.disposition_groups.codes())


def test_priorities_one_to_six_and_status_steps():
    ref = load_reference()
    assert ref.priorities.codes() == ("1", "2", "3", "4", "5", "6")
    assert ref.next_statuses("ON_SCENE") == ("TRANSPORTING", "CLEARED")


def test_a_broken_list_is_named(tmp_path):
    for f in resource_path("reference").glob("*.json"):
        (tmp_path / f.name).write_text(f.read_text())
    data = json.loads((tmp_path / "flags.json").read_text())
    data["items"].append({"code": "VETERAN", "label": "again"})
    (tmp_path / "flags.json").write_text(json.dumps(data))
    with pytest.raises(ValidationError, match="flags.json: code 'VETERAN' appears twice"):
        load_reference(tmp_path)
