"""Report PDFs parsed back with pypdf: fields, pages, footers, watermark, corrections, encryption,
and the headless export command."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from civilian_responder.errors import ValidationError
from civilian_responder.pdf import ChecklistSummary, export_many
from civilian_responder.pdf.render import render
from civilian_responder.pdf.sections import Clockface
from civilian_responder.pdf.snapshot import report_file_name
from pypdf import PasswordType, PdfReader

from tests.pdf_samples import approve, demo_app, full_report, pages_text, pdf_app, photo_bytes

ROOT = Path(__file__).resolve().parents[2]


app = pdf_app


def flat(text: str) -> str:
    return " ".join(text.split())


def test_every_field_appears_in_the_pdf(app):
    report = full_report(app, photos=2)
    snap = app.pdf.snapshot(report.id)
    text = " ".join(pages_text(render(snap)))
    call, ref = snap.call, app.reference
    clock = Clockface(ZoneInfo(snap.timezone))
    expected = [
        snap.agency.name, report.report_number, call.display_number, call.type_code,
        ref.call_types.label(call.type_code), ref.priorities.label(str(call.priority)),
        call.unit_id, report.author, call.address, "Person served", "Family / friend",
        "Ana López", "Nguyễn Thị Minh", "253-555-0142", "Unhoused person involved",
        ref.languages.label(report.language_codes[0]), "Courtesy service",
        ref.disposition_groups.label("OTHER"), ref.outcomes.label("REFERRED"),
        *[ref.referral_destinations.label(c) for c in report.referrals],
        "Shelter bed", "Hygiene kit", "Food / water", "Offered", "Accepted", "Declined",
        "Check in with housing navigation on Monday", "47 min",
        "Bus shelter, north side", "Belongings on bench", "scene-1.jpg",
        "Author attestation", "Supervisor approval", "Signed electronically by Demo Officer",
    ]
    expected += [flat(line) for line in report.narrative.split("\n")]
    for event in snap.timeline:
        expected += [ref.unit_statuses.label(event.status), clock.date(event.at),
                     clock.time(event.at)]
    missing = [e for e in expected if flat(e) not in text]
    assert missing == []


def test_footer_on_every_page_with_page_count_number_version_and_fingerprint(app):
    report = full_report(app, narrative="\n".join(["A long shift narrative line. " * 12] * 120))
    snap = app.pdf.snapshot(report.id)
    pages = pages_text(render(snap))
    canonical = json.dumps(dataclasses.asdict(app.reports.get(report.id)), sort_keys=True,
                           separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    assert snap.fingerprint == digest
    assert len(pages) >= 5
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert f"Report {report.report_number} v1" in text
        assert f"SHA-256 {digest}" in text


def test_page_count_grows_with_the_narrative_and_matches_the_footer(app):
    short = app.pdf.snapshot(full_report(app, photos=0).id)
    short_pages = pages_text(render(short))
    assert len(short_pages) == 2
    assert "Page 2 of 2" in short_pages[-1]
    long_text = "\n".join(f"Paragraph {i}: " + "words on the page " * 40 for i in range(60))
    longer = dataclasses.replace(short, report=dataclasses.replace(short.report,
                                                                   narrative=long_text))
    pages = pages_text(render(longer))
    assert len(pages) > len(short_pages) + 3
    assert re.search(rf"Page {len(pages)} of {len(pages)}", pages[-1])
    assert "Paragraph 59:" in " ".join(pages)


def test_draft_watermark_appears_exactly_when_not_approved(app):
    report = full_report(app, finalize=False)
    draft = pages_text(render(app.pdf.snapshot(report.id)))
    assert all("DRAFT" in p for p in draft)
    app.reports.finalize(report.id)
    finalized = pages_text(render(app.pdf.snapshot(report.id)))
    assert all("DRAFT" in p for p in finalized)
    approve(app, report.id)
    approved = pages_text(render(app.pdf.snapshot(report.id)))
    assert not any("DRAFT" in p for p in approved)
    assert "Approved." in " ".join(approved)


def test_correction_shows_the_supersedes_banner(app):
    original = full_report(app)
    approve(app, original.id)
    correction = app.reports.correct(original.id)
    app.reports.save_fields(correction.id, {"correction_reason": "Wrong age recorded"})
    correction = app.reports.finalize(correction.id)
    text = " ".join(pages_text(render(app.pdf.snapshot(correction.id))))
    assert "CORRECTED — supersedes version 1" in text
    assert "Wrong age recorded" in text
    assert f"Report {correction.report_number} v2" in text
    assert "Photo 2: Belongings on bench" in text  # photos of the corrected version carry over
    old_text = " ".join(pages_text(render(app.pdf.snapshot(original.id))))
    assert "CORRECTED" not in old_text
    assert "SUPERSEDED — a corrected version replaces this one" in old_text


def test_missing_optional_sections_are_left_out(app):
    report = full_report(app, photos=0, persons=[], flags=[], language_codes=[], referrals=[],
                         services=[], disposition_code="GOA", outcome_codes=("NO_CONTACT",),
                         follow_up_needed=False, follow_up_note="")
    text = " ".join(pages_text(render(app.pdf.snapshot(report.id))))
    for heading in ("Persons contacted", "Flags and needs", "Referrals and services",
                    "Photos", "Checklists"):
        assert heading not in text
    assert "Status timeline" in text and "Narrative" in text


def test_checklist_results_put_escalations_and_scores_before_answers(app):
    snap = app.pdf.snapshot(full_report(app, photos=0).id)
    run = ChecklistSummary(
        title="Columbia suicide severity screen", score="4 / 6 (high)",
        escalations=("Call 988 mobile crisis now",),
        answers=tuple((f"Question {i}", "Yes" if i % 2 else "No") for i in range(1, 40)),
        completed_at=snap.report.created_at,
    )
    text = " ".join(pages_text(render(dataclasses.replace(snap, checklists=(run,)))))
    assert text.index("Call 988 mobile crisis now") < text.index("Question 1 ")
    assert text.index("4 / 6 (high)") < text.index("Question 1 ")
    assert "Question 39" in text


def test_render_is_reproducible(app):
    snap = app.pdf.snapshot(full_report(app).id)
    assert render(snap) == render(snap)


def test_password_export_is_aes256_and_opens_only_with_the_password(app):
    snap = app.pdf.snapshot(full_report(app).id)
    data = render(snap, password="correct horse")
    reader = PdfReader(io.BytesIO(data))
    assert reader.is_encrypted
    encrypt = reader.trailer["/Encrypt"].get_object()
    assert (encrypt["/V"], encrypt["/R"]) == (5, 6)
    assert encrypt["/CF"]["/StdCF"]["/CFM"] == "/AESV3"
    assert reader.decrypt("wrong") == PasswordType.NOT_DECRYPTED
    with pytest.raises(Exception):  # noqa: B017 (pypdf refuses to read without the password)
        reader.pages[0].extract_text()
    assert snap.report.report_number in " ".join(pages_text(data, "correct horse"))
    assert not PdfReader(io.BytesIO(render(snap))).is_encrypted


def test_a_broken_logo_setting_falls_back_to_the_emblem(app, tmp_path):
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    app.store.set_meta("agency_logo", str(tmp_path / "logo.png"))
    app.store.set_meta("agency_name", "Riverside Crisis Team")
    snap = app.pdf.snapshot(full_report(app, photos=0).id)
    assert "Riverside Crisis Team" in pages_text(render(snap))[0]


CLI_PASSPHRASE = "export desk lamp"


def _enroll(profile: Path):
    from civilian_responder.security.keystore import KdfParams
    from civilian_responder.security.session import Authenticator

    auth = Authenticator(profile, kdf=KdfParams(n=2**10, r=8, p=1))
    auth.enroll_first("alice", CLI_PASSPHRASE)
    return auth


def test_export_cli_writes_every_report_headless(tmp_path):
    profile = tmp_path / "profile"
    app = demo_app(profile)
    first = full_report(app, index=0)
    second = full_report(app, index=1, photos=0, finalize=False)
    names = sorted(report_file_name(r) for r in (first, second))
    app.close()
    auth = _enroll(profile)  # headless commands sign in; this also encrypts the profile
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env["PDF_PASSWORD"] = "s3cret"
    env["RESPONDER_PASSPHRASE"] = CLI_PASSPHRASE
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "civilian_responder",
           "export-pdf", "--profile", str(profile), "--all",
           "--password-env", "PDF_PASSWORD", str(out)]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.glob("*.pdf")) == names
    assert names[0] == f"{first.report_number}-v1.pdf"
    for pdf in out.glob("*.pdf"):
        assert "Page 1 of" in pages_text(pdf.read_bytes(), "s3cret")[0]
    assert "PySide6" not in done.stderr
    from civilian_responder.app import open_app

    signed_in = open_app(profile, session=auth.sign_in("alice", CLI_PASSPHRASE))
    exports = [e for e in signed_in.audit.entries() if e.action == "pdf.export"]
    signed_in.close()
    assert len(exports) == len(names) and {e.actor for e in exports} == {"alice"}


def test_export_cli_names_an_unknown_report(tmp_path):
    app = demo_app(tmp_path / "profile")
    app.close()
    _enroll(tmp_path / "profile")
    done = subprocess.run(
        [sys.executable, "-m", "civilian_responder",
         "export-pdf", "--profile", str(tmp_path / "profile"),
         "--report", "R1999-NOPE-1", str(tmp_path / "out")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env=dict(os.environ, RESPONDER_PASSPHRASE=CLI_PASSPHRASE))
    assert done.returncode == 2
    assert "R1999-NOPE-1" in done.stderr


def test_agency_logo_from_the_profile_settings_is_drawn(app, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(photo_bytes((300, 300), fmt="PNG"))
    app.store.set_meta("agency_logo", str(logo))
    snap = app.pdf.snapshot(full_report(app, photos=0).id)
    assert snap.agency.logo == logo.read_bytes()
    first_page = PdfReader(io.BytesIO(render(snap))).pages[0]
    assert len(first_page.images) == 1


def test_the_snapshot_is_what_renders_even_after_the_report_changes(app):
    report = full_report(app, photos=1, finalize=False)
    snap = app.pdf.snapshot(report.id)
    app.reports.save_fields(report.id, {"narrative": "Edited after the snapshot."})
    result: list[bytes] = []
    worker = threading.Thread(target=lambda: result.append(render(snap)))
    worker.start()  # no database on this thread: rendering needs only the snapshot
    worker.join(60)
    text = " ".join(pages_text(result[0]))
    assert "Dispatched to a welfare check" in text
    assert "Edited after the snapshot" not in text


def test_pdf_settings_are_validated_and_name_what_is_wrong(app, tmp_path):
    (tmp_path / "notes.txt").write_text("not a logo")
    with pytest.raises(ValidationError) as err:
        app.pdf.change_settings(agency_logo=str(tmp_path / "notes.txt"), timezone="Mars/Base")
    assert set(err.value.field_errors) == {"agency_logo", "timezone"}
    app.pdf.change_settings(agency_name="Riverside Crisis Team", timezone="America/Chicago")
    assert app.pdf.settings()["agency_name"] == "Riverside Crisis Team"
    text = " ".join(pages_text(render(app.pdf.snapshot(full_report(app, photos=0).id))))
    assert "Riverside Crisis Team" in text and "(CST)" in text


def test_real_checklist_runs_print_escalations_and_score_before_answers(app):
    report = full_report(app, photos=0)
    checklists = app.checklists
    run = checklists.start(report.call_id, "suicide-risk")
    for item in ("wish_dead", "thoughts", "method", "intent", "plan", "means"):
        checklists.answer(run.run.id, item, True)
    checklists.set_note(run.run.id, "means", "Pills in the kitchen")
    checklists.escalate(run.run.id, "proceed", "Sister arrived and removed the pills")
    text = " ".join(pages_text(render(app.pdf.snapshot(report.id))))
    assert "Suicide-risk screen (not finished)" in text
    assert "Proceed (write why): Sister arrived and removed the pills" in text
    escalation = text.index("Intent and means at hand")
    assert escalation < text.index("have they wished they were dead")
    assert "Yes — note: Pills in the kitchen" in text


def test_exports_reach_the_audit_trail_without_report_content(app, tmp_path):
    report = full_report(app)
    outcome = export_many([app.pdf.snapshot(report.id)], tmp_path / "out", "pw")
    app.pdf.record_exports(outcome.written)
    [row] = [e for e in app.audit.entries() if e.action == "pdf.export"]
    action, target, result, detail = row.action, row.target, row.outcome, row.detail
    assert (action, target, result) == ("pdf.export", f"report:{report.id}", "ok")
    assert f"{report.report_number} v1; AES-256 encrypted; to " in detail
    assert "Ana" not in detail and "welfare" not in detail
