"""``responder checklists validate FILE...`` and ``responder checklists list``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from civilian_responder.cli.options import resolve_profile
from civilian_responder.resource_files import resource_path


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("checklists", help="check and list checklist definitions")
    sub = parser.add_subparsers(dest="checklists_command", metavar="ACTION", required=True)
    validate = sub.add_parser("validate", help="check definition files; non-zero exit if any fail")
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE")
    validate.set_defaults(func=run_validate)
    listing = sub.add_parser("list", help="list the definitions the app would load")
    listing.set_defaults(func=run_list)


def run_validate(args: argparse.Namespace) -> int:
    from civilian_responder.checklists.loader import load_file  # noqa: PLC0415 (not at parse)
    from civilian_responder.reference import load_reference  # noqa: PLC0415

    reference = load_reference()
    failed = 0
    for path in args.files:
        result = load_file(path, reference)
        if result.definition is not None:
            d = result.definition
            print(f"{path}: OK ({d.id} v{d.version}, {len(d.items)} items)")
            continue
        failed += 1
        for problem in result.problems:
            print(f"{path}: item {problem.item}: {problem.problem}")
    if failed:
        print(f"{failed} of {len(args.files)} file(s) failed")
    return 1 if failed else 0


def run_list(args: argparse.Namespace) -> int:
    from civilian_responder.checklists.loader import load_catalog  # noqa: PLC0415
    from civilian_responder.reference import load_reference  # noqa: PLC0415

    folders = [resource_path("checklists")]
    if args.profile or args.demo:
        folders.append(resolve_profile(args) / "checklists")
    catalog = load_catalog(folders, load_reference())
    for d in catalog.latest():
        older = sorted(v for (i, v) in catalog.definitions if i == d.id and v != d.version)
        applies = "every call" if d.applies_to.all_calls else ", ".join(
            [*d.applies_to.call_types, *(f"flag {f}" for f in d.applies_to.flags)]) or "on request"
        kept = f" (also v{', v'.join(map(str, older))})" if older else ""
        print(f"{d.id} v{d.version}{kept}: {d.title} [{len(d.items)} items; {applies}]")
    for problem in catalog.problems:
        print(f"INVALID {problem.source}: item {problem.item}: {problem.problem}")
    return 1 if catalog.problems else 0
