"""Report PDF speed: a typical 3-page report with 4 photos against a bare reportlab document
holding the same text and images (same run, same font), and a 100-report batch export.

Run: python -m pytest tests/benchmarks/test_pdf_benchmark.py --benchmark-only -s
"""

from __future__ import annotations

import dataclasses
import io
import statistics
import time

import pytest
from civilian_responder.pdf import export_many
from civilian_responder.pdf.render import render
from civilian_responder.pdf.snapshot import PhotoSnapshot
from civilian_responder.pdf.text import BODY, markup, register_fonts
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate

from tests.pdf_samples import (
    NARRATIVE,
    cleared_call_id,
    demo_app,
    full_report,
    pages_text,
    pdf_app,
    photo_bytes,
)

app = pdf_app
TARGET_MS = 150
TARGET_RATIO = 2.0
TARGET_RATE = 10.0


def _bare(texts: list[str], images: list[bytes]) -> bytes:
    """What reportlab costs with no report logic: paragraphs and images, one plain template."""
    register_fonts()
    out = io.BytesIO()
    style = ParagraphStyle("b", fontName=BODY, fontSize=9.5, leading=12.5)
    story = [Paragraph(markup(t), style) for t in texts]
    story += [Image(io.BytesIO(b), 3.4 * 72, 2.55 * 72) for b in images]
    SimpleDocTemplate(out, invariant=1).build(story)
    return out.getvalue()


def _median_ms(fn, rounds: int = 15) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


@pytest.mark.parametrize("photo_size", [(1200, 900), (4032, 3024)], ids=["small", "12MP"])
def test_typical_report_render_time_and_ratio_to_bare_reportlab(benchmark, app, photo_size):
    narrative = "\n".join([NARRATIVE] * 3)
    snap = app.pdf.snapshot(full_report(app, photos=4, narrative=narrative).id)
    photo = photo_bytes(photo_size)
    snap = dataclasses.replace(snap, photos=tuple(PhotoSnapshot(p.attachment, photo)
                                                  for p in snap.photos))
    pages = pages_text(render(snap))
    assert len(pages) == 3, "the typical report should be three pages"
    images = [p.data for p in snap.photos]
    _bare(pages, images)  # the same words the report puts on its pages, the same photos
    benchmark.pedantic(render, args=(snap,), rounds=15, iterations=1, warmup_rounds=1)
    ours = benchmark.stats.stats.median * 1000
    bare = _median_ms(lambda: _bare(pages, images))
    ratio = ours / bare
    print(f"\nPDF render, 3 pages + 4 photos of {photo_size[0]}x{photo_size[1]}: median "
          f"{ours:.1f} ms (target <= {TARGET_MS}); bare reportlab {bare:.1f} ms; "
          f"ratio {ratio:.2f} (target <= {TARGET_RATIO})")
    assert ours <= TARGET_MS * 2, "far over the render-time target"


def test_batch_export_of_100_reports(benchmark, tmp_path):
    app = demo_app(tmp_path / "profile", history=100)
    try:
        for i in range(100):
            full_report(app, index=i, photos=1 if i % 2 else 0, finalize=i % 3 != 0)
        ids = app.pdf.report_ids()
        assert len(ids) == 100 and cleared_call_id(app, 99)

        def export() -> float:
            start = time.perf_counter()
            snaps = (app.pdf.snapshot(i) for i in ids)
            outcome = export_many(snaps, tmp_path / "out", total=len(ids))
            assert len(outcome.written) == 100 and not outcome.failed
            return time.perf_counter() - start

        seconds = benchmark.pedantic(export, rounds=1, iterations=1)
    finally:
        app.close()
    rate = 100 / seconds
    print(f"\nBatch export: 100 reports in {seconds:.2f} s = {rate:.1f} reports/s "
          f"(target >= {TARGET_RATE})")
    assert rate >= TARGET_RATE / 2, "far under the batch-export target"
