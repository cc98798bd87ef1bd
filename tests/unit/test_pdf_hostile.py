"""Hostile content renders without an exception: control characters, huge narratives, many,
huge, rotated or broken photos, and scripts from every community the teams serve."""

from __future__ import annotations

import dataclasses
import io

from civilian_responder.pdf import ChecklistSummary
from civilian_responder.pdf.render import render
from civilian_responder.pdf.snapshot import PhotoSnapshot
from civilian_responder.pdf.text import visual
from PIL import Image
from pypdf import PdfReader

from tests.pdf_samples import full_report, pages_text, pdf_app, photo_bytes

app = pdf_app

MULTILINGUAL = [
    "Español: la señora pidió un intérprete; niño de año y medio",
    "Tiếng Việt: Người được phục vụ nói tiếng Việt, cần phiên dịch",
    "Soomaali: Qofka waxaa loo baahan yahay turjubaan af-Soomaali ah",
    "Русский: человек говорит только по-русски",
]
RTL = "العربية: الشخص يحتاج إلى مترجم — עברית: האדם צריך מתורגמן"
CJK = "中文：需要普通话翻译，联系家人。 日本語：かな カナ 한국어 통역"


def _photo(snap, name, data, caption=""):
    base = snap.photos[0].attachment if snap.photos else None
    att = dataclasses.replace(base, id=name, filename=name, caption=caption, size=len(data))
    return PhotoSnapshot(att, data)


def test_control_characters_and_markup_are_harmless(app):
    nasty = "Bell\x07 null\x00 esc\x1b[31m <b>not bold</b> & <font name='x'> \ufffe \x85 end"
    report = full_report(app, photos=0, narrative=nasty, follow_up_note=nasty,
                         persons=[{"id": "p", "role_code": "SUBJECT", "name": nasty}])
    text = " ".join(pages_text(render(app.pdf.snapshot(report.id))))
    assert "<b>not bold</b> & <font name='x'>" in text
    assert "\x07" not in text and "\x1b" not in text


def test_fifty_thousand_character_narrative_flows_across_pages(app):
    words = ("The person served described the events of the week in detail. " * 800)[:50_000]
    one_block = words + " THE-END-MARKER"
    report = full_report(app, photos=0, narrative=one_block)
    pages = pages_text(render(app.pdf.snapshot(report.id)))
    assert len(pages) >= 8
    assert "THE-END-MARKER" in pages[-1] or "THE-END-MARKER" in pages[-2]
    unbroken = "x" * 20_000  # no spaces at all: must still wrap, not overflow or raise
    snap = app.pdf.snapshot(report.id)
    render(dataclasses.replace(snap, report=dataclasses.replace(snap.report, narrative=unbroken)))


def test_twenty_photos_and_broken_ones_get_placeholders(app):
    report = full_report(app, photos=1)
    snap = app.pdf.snapshot(report.id)
    good = photo_bytes((800, 600))
    truncated = good[: len(good) // 2]
    garbage = b"\xff\xd8\xff\xe0" + b"\x00junk" * 50
    photos = [_photo(snap, f"p{i}.jpg", good, f"caption {i}") for i in range(18)]
    photos += [_photo(snap, "truncated.jpg", truncated), _photo(snap, "garbage.jpg", garbage)]
    text = " ".join(pages_text(render(dataclasses.replace(snap, photos=tuple(photos)))))
    assert "Photos (20)" in text
    assert "Photo unavailable — truncated.jpg: the photo file is damaged or incomplete" in text
    assert "Photo unavailable — garbage.jpg" in text
    assert "caption 17" in text


def test_huge_and_rotated_photos_are_downscaled_and_upright(app):
    report = full_report(app, photos=1)
    snap = app.pdf.snapshot(report.id)
    huge = photo_bytes((6000, 4000))
    rotated = photo_bytes((400, 200), orientation=6)  # stored landscape, shown portrait
    data = render(dataclasses.replace(snap, photos=(_photo(snap, "huge.jpg", huge),
                                                    _photo(snap, "rotated.jpg", rotated))))
    images = [Image.open(io.BytesIO(img.data)) for p in PdfReader(io.BytesIO(data)).pages
              for img in p.images]
    sizes = sorted(img.size for img in images)
    assert (200, 400) in sizes
    assert max(max(s) for s in sizes) <= 1600


def test_many_scripts_and_right_to_left_text_render(app):
    narrative = "\n".join(MULTILINGUAL + [RTL, CJK])
    report = full_report(app, photos=0, narrative=narrative, persons=[
        {"id": "a", "role_code": "SUBJECT", "name": "Hodan Warsame Cabdi"},
        {"id": "b", "role_code": "FAMILY", "name": "王伟 (Wang Wei)"},
        {"id": "c", "role_code": "WITNESS", "name": "Trần Thị Ngọc Ánh"},
    ])
    text = " ".join(pages_text(render(app.pdf.snapshot(report.id))))
    for line in MULTILINGUAL:
        assert line in text
    assert "Trần Thị Ngọc Ánh" in text and "Hodan Warsame Cabdi" in text
    assert "王伟 (Wang Wei)" in text
    assert " ".join(CJK.split()) in text  # embedded CJK font: extractable, not just drawable


def test_huge_text_in_every_free_text_field_splits_instead_of_failing(app):
    long = "a very long note about the contact and what was said " * 600  # ~32,000 chars
    report = full_report(app, photos=1, follow_up_note=long, persons=[
        {"id": "p", "role_code": "SUBJECT", "name": long[:2000], "note": long}])
    snap = app.pdf.snapshot(report.id)
    call = dataclasses.replace(snap.call, address=long[:5000], caution_notes=long,
                               location_note=long)
    r = dataclasses.replace(snap.report, correction_reason=long, supersedes_id="old",
                            review_comment=long)
    photo = dataclasses.replace(snap.photos[0].attachment, caption=long)
    timeline = tuple(dataclasses.replace(e, note=long) for e in snap.timeline[:2])
    hostile = dataclasses.replace(
        snap, call=call, report=r, timeline=timeline,
        photos=(PhotoSnapshot(photo, snap.photos[0].data),),
        agency=dataclasses.replace(snap.agency, name=long[:3000]),
        checklists=(ChecklistSummary(long[:3000], long[:3000], (long,), ((long, long),)),),
    )
    pages = pages_text(render(hostile))
    assert len(pages) > 20
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_right_to_left_text_is_shaped_and_in_display_order(app):
    assert visual("Name: שלום") == "Name: םולש"
    shaped = visual("محمد")
    assert all("\ufe70" <= ch <= "\ufeff" for ch in shaped)  # joined presentation forms
    report = full_report(app, photos=0, persons=[
        {"id": "a", "role_code": "SUBJECT", "name": "محمد علي (Mohamed Ali)"}],
        narrative="The family speaks עברית at home.")
    text = " ".join(pages_text(render(app.pdf.snapshot(report.id))))
    # pypdf puts right-to-left runs back in logical order when it extracts them
    assert "עברית" in text or "תירבע" in text
    assert any("\ufe70" <= ch <= "\ufeff" for ch in text)  # the name went in shaped
