"""The report view records who looked at which report (CJIS AU-2), never what it says."""

from civilian_responder.app import open_app
from civilian_responder.clock import SystemClock
from civilian_responder.demo import seed_demo
from civilian_responder.security.keystore import KdfParams
from civilian_responder.security.session import Authenticator
from civilian_responder_ui.reports.report_form import ReportFormView


def test_showing_a_report_in_the_form_is_audited(qtbot, tmp_path):
    auth = Authenticator(tmp_path, kdf=KdfParams(n=2**10, r=8, p=1))
    app = open_app(tmp_path, session=auth.enroll_first("alice", "night shift lantern"))
    seed_demo(app.store, SystemClock(), active=3, history=0, reports=False)
    view = ReportFormView(app, None)
    qtbot.addWidget(view)
    view.show_call(sorted(c.id for c in app.calls.board())[0])
    report = view.start_report()
    view.flush()
    views = [e for e in app.audit.entries() if e.action == "report.view"]
    assert [e.target for e in views] == [report.id] and views[0].actor == "alice"
    app.close()
