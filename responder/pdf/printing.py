"""Printing a rendered report through the system print service (CUPS).

Why CUPS and not a ``QPrinter``: the PDF the app rendered goes to the printer as it is — vector
text and lines at the PDF's own page size, the same bytes a saved PDF holds — and CUPS's own
filters turn it into what the printer speaks. Painting pages onto a ``QPrinter`` would need QtPdf
(PySide6-Addons, about 200 MB more) to rasterise each page first, and would make printing a Qt
concern in a core that has no Qt. So the UI only *asks* (Qt's print dialog lists the CUPS
printers) and this module, which imports no Qt, does the printing; the headless
``responder print-pdf`` command uses the same code.

This module owns the CUPS client: it submits with ``lp`` (the PDF on its standard input, so no
extra plaintext copy is written by us), and reads a job's state with one IPP Get-Job-Attributes
request to the scheduler ``lpstat -H`` names. ``lpstat -W completed`` cannot tell a completed job
from an aborted or cancelled one; IPP's ``job-state`` can, and also shows which copies, sides,
media and page ranges the job really carries. Every failure becomes a ``PrintError`` whose
``kind`` says what went wrong in words a user can act on.
"""

from __future__ import annotations

import getpass
import http.client
import io
import re
import socket
import struct
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from civilian_responder.errors import PrintError, PrintErrorKind
from civilian_responder.models import Report
from civilian_responder.pdf.service import AuditEvent

if TYPE_CHECKING:
    from civilian_responder.pdf.snapshot import ReportSnapshot

LP_TIMEOUT = 30.0  # seconds for lp/lpstat to answer; a hung scheduler must not hang the app
MAX_COPIES = 99
# "none" prints one-sided on purpose; "default" leaves it to the printer's own setting.
SIDES = {"none": "one-sided", "long": "two-sided-long-edge", "short": "two-sided-short-edge",
         "default": ""}
# PWG self-describing names for the page sizes reports use; anything else goes as a custom size.
MEDIA = {(612, 792): "na_letter_8.5x11in", (595, 842): "iso_a4_210x297mm",
         (612, 1008): "na_legal_8.5x14in"}
JOB_STATES = {3: "pending", 4: "held", 5: "processing", 6: "stopped", 7: "canceled",
              8: "aborted", 9: "completed"}
FINAL_STATES = frozenset({"canceled", "aborted", "completed"})
_RANGE = re.compile(r"^\d+(-\d+)?(,\d+(-\d+)?)*$")
_REQUEST_ID = re.compile(r"request id is (\S+)-(\d+)")


@dataclass(frozen=True)
class PrintRequest:
    """What the user picked. ``printer`` "" means the system's default printer."""

    printer: str = ""
    copies: int = 1
    pages: str = ""  # CUPS page ranges, e.g. "1-2,4"; "" = every page
    duplex: str = "default"  # a key of SIDES
    collate: bool = True  # with several copies: 1,2,1,2 rather than 1,1,2,2
    grayscale: bool = False

    def describe(self, job_id: str = "") -> str:
        """For the audit trail: settings and job, never report content."""
        sides = SIDES.get(self.duplex) or "printer default sides"
        return (f"printer {self.printer or '(default)'}; copies {self.copies}; "
                f"pages {self.pages or 'all'}; {sides}; job {job_id or 'none'}")


@dataclass(frozen=True)
class PrintJob:
    job_id: str  # as lp and lpstat name it: "Responder-PDF-12"
    printer: str
    number: int


@dataclass(frozen=True)
class JobStatus:
    state: str  # a value of JOB_STATES, or "unknown" once the scheduler forgot the job
    reasons: tuple[str, ...] = ()
    attributes: Mapping[str, tuple[object, ...]] = field(default_factory=dict)

    @property
    def done(self) -> bool:
        return self.state in FINAL_STATES or self.state == "unknown"


@dataclass(frozen=True)
class PrintResult:
    job: PrintJob
    status: JobStatus
    request: PrintRequest
    page_count: int  # pages in the rendered PDF

    @property
    def outcome(self) -> str:
        """"ok" once the printer has it all; "queued" while it still waits in the queue."""
        return "ok" if self.status.state == "completed" else "queued"


# What the report is -------------------------------------------------------------------------

def pdf_facts(pdf: bytes) -> tuple[str, int]:
    """The CUPS media name for the PDF's first page, and its page count."""
    from pypdf import PdfReader  # noqa: PLC0415 (only when printing)
    from pypdf.errors import PdfReadError  # noqa: PLC0415

    try:
        reader = PdfReader(io.BytesIO(pdf))
        box = reader.pages[0].mediabox
        count = len(reader.pages)
    except (PdfReadError, IndexError, ValueError) as exc:
        raise PrintError(PrintErrorKind.BAD_OPTIONS, "The report PDF could not be read back "
                         "for printing.") from exc
    w, h = round(float(box.width)), round(float(box.height))
    for (mw, mh), name in MEDIA.items():
        if abs(mw - w) <= 2 and abs(mh - h) <= 2:
            return name, count
    return f"Custom.{w}x{h}", count  # CUPS reads a bare custom size in points


def check_request(request: PrintRequest, page_count: int) -> str:
    """Refuse what the printer would silently get wrong; returns the page range normalised."""
    if not 1 <= request.copies <= MAX_COPIES:
        raise PrintError(PrintErrorKind.BAD_OPTIONS,
                         f"Copies must be between 1 and {MAX_COPIES} (not {request.copies}).")
    if request.duplex not in SIDES:
        raise PrintError(PrintErrorKind.BAD_OPTIONS, f"Unknown two-sided setting "
                         f"{request.duplex!r}: use none, long or short.")
    pages = re.sub(r"\s+", "", request.pages)
    if not pages:
        return ""
    if not _RANGE.match(pages):
        raise PrintError(PrintErrorKind.BAD_OPTIONS, f"{request.pages!r} is not a page range "
                         "(write it like 1-2 or 1,3).")
    for part in pages.split(","):
        first, _, last = part.partition("-")
        lo, hi = int(first), int(last or first)
        if lo < 1 or hi < lo:
            raise PrintError(PrintErrorKind.BAD_OPTIONS, f"Page range {part} is backwards or "
                             "starts before page 1.")
        if hi > page_count:
            raise PrintError(PrintErrorKind.BAD_OPTIONS, f"The report has {page_count} "
                             f"page(s); page {hi} does not exist.")
    return pages


# Submitting and watching ------------------------------------------------------------------

def submit(pdf: bytes, request: PrintRequest, title: str) -> PrintJob:
    """Hand the PDF to CUPS; returns the job as soon as the scheduler has queued it."""
    media, count = pdf_facts(pdf)
    pages = check_request(request, count)
    cmd = ["lp", "-n", str(request.copies), "-o", f"media={media}", "-t", title]
    if request.printer:
        cmd += ["-d", request.printer]
    if pages:
        cmd += ["-P", pages]
    if SIDES[request.duplex]:
        cmd += ["-o", f"sides={SIDES[request.duplex]}"]
    if request.copies > 1:
        cmd += ["-o", f"collate={'true' if request.collate else 'false'}"]
    if request.grayscale:
        cmd += ["-o", "print-color-mode=monochrome"]
    done = _run(cmd, pdf)
    if done.returncode != 0:
        raise _lp_failure(done.stderr.decode(errors="replace"), request.printer)
    found = _REQUEST_ID.search(done.stdout.decode(errors="replace"))
    if not found:
        raise PrintError(PrintErrorKind.REFUSED, "The print service took the report but did "
                         "not say which job it is.")
    return PrintJob(f"{found[1]}-{found[2]}", found[1], int(found[2]))


def job_status(job: PrintJob) -> JobStatus:
    """The job's state, reasons and settings, asked of the scheduler over IPP."""
    attrs = _ipp_job_attributes(job.number)
    if attrs is None:
        return JobStatus("unknown")
    code = attrs.get("job-state", (0,))[0]
    state = JOB_STATES.get(code, "unknown") if isinstance(code, int) else "unknown"
    reasons = tuple(str(r) for r in attrs.get("job-state-reasons", ()))
    return JobStatus(state, reasons, attrs)


def wait(job: PrintJob, timeout: float, poll: float = 0.2) -> JobStatus:
    """Poll until the job is finished or ``timeout`` seconds pass; returns the last state."""
    deadline = time.monotonic() + timeout
    status = job_status(job)
    while not status.done and time.monotonic() < deadline:
        time.sleep(poll)
        status = job_status(job)
    return status


def print_pdf(pdf: bytes, request: PrintRequest, title: str, settle: float = 5.0) -> PrintResult:
    """Submit, then watch for up to ``settle`` seconds so an early abort is reported; a job
    still waiting for a busy printer after that is a success ("queued")."""
    job = submit(pdf, request, title)
    status = wait(job, settle)
    if status.state in ("aborted", "canceled"):
        why = ", ".join(r for r in status.reasons if r != "none") or status.state
        raise PrintError(PrintErrorKind.JOB_FAILED, f"The printer {job.printer} did not print "
                         f"job {job.job_id} ({why}). Check the printer, then print again.",
                         job.job_id)
    return PrintResult(job, status, request, pdf_facts(pdf)[1])


def print_report(snapshot: ReportSnapshot, request: PrintRequest,
                 settle: float = 5.0) -> PrintResult:
    """Worker-safe: render the snapshot and print it."""
    from civilian_responder.pdf.render import render  # noqa: PLC0415 (reportlab on first use)

    r = snapshot.report
    return print_pdf(render(snapshot), request, f"{r.report_number} v{r.version}", settle)


def print_event(report: Report, request: PrintRequest, outcome: str, job_id: str = "",
                why: str = "") -> AuditEvent:
    """The ``pdf_print`` audit entry for one attempt, successful or not."""
    detail = request.describe(job_id) + (f"; {why}" if why else "")
    return AuditEvent("pdf_print", report.id, report.report_number, report.version,
                      request.printer or "(default printer)", False, outcome, detail)


# lp and lpstat -----------------------------------------------------------------------------

def _run(cmd: list[str], data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(cmd, input=data, capture_output=True, timeout=LP_TIMEOUT,
                              check=False)
    except FileNotFoundError as exc:
        raise PrintError(PrintErrorKind.NO_PRINT_SYSTEM, "This computer has no print service: "
                         "the CUPS printing commands are not installed. Ask your IT support to "
                         "install CUPS, or save the PDF and print it elsewhere.") from exc
    except subprocess.TimeoutExpired as exc:
        raise PrintError(PrintErrorKind.SERVICE_DOWN, f"The print service did not answer "
                         f"within {LP_TIMEOUT:.0f} seconds.") from exc


def scheduler_running() -> bool:
    try:
        done = _run(["lpstat", "-r"])
    except PrintError:
        return False
    return b"is running" in done.stdout and b"not running" not in done.stdout


def _lp_failure(stderr: str, printer: str) -> PrintError:
    said = stderr.strip().splitlines()[0] if stderr.strip() else "no reason given"
    said = re.sub(r"^lp:\s*(Error\s*-\s*)?", "", said)
    low = stderr.lower()
    # With the scheduler down, lp says the printer "does not exist": ask before believing it.
    if not scheduler_running():
        return PrintError(PrintErrorKind.SERVICE_DOWN, "The print service (CUPS) is not "
                          "running on this computer, so nothing can be printed. Ask your IT "
                          "support to start it.")
    if "no default destination" in low:
        return PrintError(PrintErrorKind.NO_PRINTER, "No printer is set up as this "
                          "computer's default. Choose a printer by name.")
    if "does not exist" in low or "unknown destination" in low or "not found" in low:
        return PrintError(PrintErrorKind.NO_PRINTER,
                          f"There is no printer named {printer!r} on this computer.")
    if "not accepting" in low:
        return PrintError(PrintErrorKind.REFUSED,
                          f"The printer {printer or '(default)'} is not accepting jobs now.")
    return PrintError(PrintErrorKind.REFUSED, f"The printer did not take the report: {said}")


# IPP, just enough for Get-Job-Attributes (RFC 8010/8011) ------------------------------------

_WANTED = ("job-state", "job-state-reasons", "job-name", "copies", "sides", "media",
           "page-ranges", "collate", "print-color-mode", "job-printer-uri")


def _ipp_job_attributes(number: int) -> dict[str, tuple[object, ...]] | None:
    body = bytearray(struct.pack(">BBHI", 2, 0, 0x0009, 1))  # IPP 2.0 Get-Job-Attributes
    body.append(0x01)  # operation attributes
    body += _attr(0x47, "attributes-charset", "utf-8")
    body += _attr(0x48, "attributes-natural-language", "en")
    body += _attr(0x45, "job-uri", f"ipp://localhost/jobs/{number}")
    body += _attr(0x42, "requesting-user-name", getpass.getuser())
    for i, name in enumerate(_WANTED):
        body += _attr(0x44, "requested-attributes" if i == 0 else "", name)
    body.append(0x03)
    reply = _post(bytes(body))
    status = struct.unpack(">H", reply[2:4])[0]
    if status == 0x0406:  # client-error-not-found: the scheduler no longer keeps it
        return None
    if status >= 0x0400:
        raise PrintError(PrintErrorKind.SERVICE_DOWN, f"The print service would not say how "
                         f"job {number} is doing (IPP status 0x{status:04x}).")
    return _parse(reply)


def _attr(tag: int, name: str, value: str | int) -> bytes:
    raw = struct.pack(">i", value) if isinstance(value, int) else value.encode()
    key = name.encode()
    return struct.pack(">BH", tag, len(key)) + key + struct.pack(">H", len(raw)) + raw


def _parse(data: bytes) -> dict[str, tuple[object, ...]]:
    out: dict[str, list[object]] = {}
    i, last = 8, ""
    while i < len(data):
        tag = data[i]
        i += 1
        if tag == 0x03:
            break
        if tag < 0x10:  # a group delimiter
            continue
        (n,) = struct.unpack(">H", data[i:i + 2])
        name = data[i + 2:i + 2 + n].decode()
        i += 2 + n
        (m,) = struct.unpack(">H", data[i:i + 2])
        raw = data[i + 2:i + 2 + m]
        i += 2 + m
        last = name or last
        out.setdefault(last, []).append(_value(tag, raw))
    return {k: tuple(v) for k, v in out.items()}


def _value(tag: int, raw: bytes) -> object:
    if tag in (0x21, 0x23) and len(raw) == 4:  # integer, enum
        return struct.unpack(">i", raw)[0]
    if tag == 0x22 and len(raw) == 1:
        return bool(raw[0])
    if tag == 0x33 and len(raw) == 8:  # rangeOfInteger
        return struct.unpack(">ii", raw)
    if 0x40 <= tag <= 0x4F:
        return raw.decode(errors="replace")
    return raw


def _post(body: bytes) -> bytes:
    """POST to the scheduler lp itself uses: ``lpstat -H`` is a socket path or host:port."""
    where = _run(["lpstat", "-H"]).stdout.decode().strip() or "localhost:631"
    conn: http.client.HTTPConnection
    if where.startswith("/"):
        conn = _UnixHTTPConnection(where, LP_TIMEOUT)
    else:
        host, sep, port = where.rpartition(":")
        if not sep:
            host, port = where, "631"
        conn = http.client.HTTPConnection(host, int(port), timeout=LP_TIMEOUT)
    try:
        conn.request("POST", "/jobs/", body, {"Content-Type": "application/ipp"})
        reply = conn.getresponse()
        data = reply.read()
    except (OSError, http.client.HTTPException) as exc:
        raise PrintError(PrintErrorKind.SERVICE_DOWN, "The print service (CUPS) stopped "
                         "answering; the job may or may not print.") from exc
    finally:
        conn.close()
    if reply.status != 200 or len(data) < 8:
        raise PrintError(PrintErrorKind.SERVICE_DOWN,
                         f"The print service answered HTTP {reply.status}.")
    return data


class _UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(self._path)
        self.sock = sock
