"""One-line definitions of the published figures (the PDF's footnotes and the JSON's
``definitions``); docs/metrics.md has the full text and the seed source of each."""

DEFINITIONS = {
    "period": "Calls received (CAD time, UTC) from the first day 00:00 to the last day 24:00; "
              "cancelled calls are left out, as in the seed data set.",
    "reports": "The current version of each report on those calls (superseded versions are "
               "not counted); returned reports count until corrected.",
    "disposition_by_priority": "Reports by the seven disposition groups of the CAD "
                               "disposition and the call's priority (San José 2022 layout).",
    "resolved_without_police": "Reports with no police backup, no hand-off to police and no "
                               "co-response with police, over all reports.",
    "backup": "Reports where police backup was requested, over all reports; by coded reason.",
    "handed_to_police": "Reports with the outcome 'handed to police / fire'; by coded reason.",
    "outcomes": "Reports holding each outcome (a report may hold several).",
    "transports": "Reports recording a transport mode or destination; by mode, destination "
                  "type and named facility.",
    "referrals": "Reports referring to each destination type, and by the agency named.",
    "services": "Service answers by response; persons accepting = distinct persons (per "
                "report) with at least one accepted service; per person: the persons with "
                "at least one service offered, accepted or declined.",
    "shelter": "Reports by shelter-bed result; placements = 'placed, bed confirmed'.",
    "transfers_988": "911 call transferred to 988; person warm-transferred to 988 on scene.",
    "follow_ups": "Reports saying follow-up is needed.",
    "response_minutes": "Per call: received → first dispatched → first en route → first on "
                        "scene, and first on scene → last cleared; p50/p90 by nearest rank.",
    "units": "Per unit: calls it cleared, and hours from its first in-service status "
             "(acknowledged, en route, on scene) to its last clear, summed over calls.",
    "flags": "Reports carrying each flag, over all reports.",
    "data_quality": "Reports without a disposition; calls cleared more than N hours ago with "
                    "no report; calls with no report; share of catch-all 'other' codes.",
}
