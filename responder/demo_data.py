"""The words of the generated demo: streets, landmarks, names and call narratives. Never real
people: names are random first/last pairs, phone numbers are in the 555-01xx fiction range.

Plain data and the standard library only: the device demo (``civilian_responder.demo``) seeds a
profile with it and the demo station's dispatcher (``civilian_responder.station.demo_dispatcher``)
makes new calls from it.
"""

from __future__ import annotations

import random

DEMO_UNIT = "CSO-12"

STREETS = ["S Tacoma Way", "Pacific Ave", "MLK Jr Way", "E 72nd St", "Portland Ave",
           "S 38th St", "N Pearl St", "6th Ave", "Hilltop Blvd", "E Harrison St",
           "S Union Ave", "Division Ave", "N 26th St", "Bridgeport Way", "Yakima Ave"]
LANDMARKS = ["bus shelter", "library steps", "transit center", "gas station lot",
             "park restroom", "laundromat", "church parking lot", "creek trail underpass"]
FIRST = ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery",
         "Quinn", "Linh", "Minh", "Ana", "Luis", "Hodan", "Abdi", "Wei", "Mei"]
LAST = ["Rivera", "Nguyen", "Tran", "Garcia", "Hassan", "Ali", "Chen", "Lopez", "Smith",
        "Johnson", "Okafor", "Park", "Kim", "Warsame", "Silva"]
# (type code, weight, narrative templates)
CALL_TYPES = [
    ("WELCK", 6, ["RP reports {who} has not answered the door for two days; mail piling up.",
                  "Caller concerned about {who} sitting in the rain near the {lm} for hours."]),
    ("415", 4, ["Loud argument between neighbors, no weapons seen, RP wants it to stop.",
                "Aggressive panhandling reported outside the {lm}; subject yelling at customers."]),
    ("5150", 4, ["Family reports {who} talking to people who are not there, not sleeping.",
                 "Subject pacing in the street shouting; RP says known mental-health history."]),
    ("647", 4, ["Person sleeping in the doorway of a business, owner asks for help.",
                "Tent set up at the {lm}; RP asks for outreach, no disturbance."]),
    ("TRESP", 3, ["Manager reports unwanted person refusing to leave the {lm}."]),
    ("SUSPP", 2, ["RP reports unknown person checking car doors near the {lm}, no weapon seen."]),
    ("11300", 2, ["Possible drug use behind the {lm}; subject slumped but breathing per RP."]),
    ("11377", 1, ["Caller found a subject with paraphernalia at the {lm}."]),
    ("22500", 2, ["Vehicle blocking driveway for three hours; RP needs to leave for work."]),
    ("FOLLOW", 2, ["Follow-up visit with {who}; offered shelter placement last week."]),
]
CAUTIONS = ["Dog on premises.", "Prior call at address: subject became agitated with uniforms.",
             "RP states subject may have a knife in the tent - verify before approach.",
             "Narrow stairwell, poor lighting.", "Subject is hard of hearing."]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"

# The demo agency's roster (generated names; roles from crew_roles.json): the demo station
# sends it to the unit, and the demo shift's crew of two comes from it.
DEMO_ROSTER = [
    ("CSO-0412", "Alex Rivera", ("CSO",)),
    ("CLN-0207", "Hodan Ali", ("CLINICIAN",)),
    ("PEER-031", "Jamie Park", ("PEER",)),
    ("EMT-0118", "Luis Garcia", ("EMT", "CSO")),
    ("CSO-0433", "Mei Chen", ("CSO", "SUPERVISOR")),
]
DEMO_CREW = (("CSO-0412", "CSO"), ("CLN-0207", "CLINICIAN"))
DEMO_VEHICLE = "VAN-3"
