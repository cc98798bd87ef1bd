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


# People seen again and again (issue 13): who they are, what upsets them, what helps.
# (name, age range, description, triggers, what helped)
REPEAT_PEOPLE = [
    ("Marcus Bell", "45_54", "grey beanie, walks with a cane", "sirens, being rushed",
     "sitting down with him; asking about his dog Pepper"),
    ("Dee Walker", "55_64", "red coat, shopping cart", "uniforms, loud voices",
     "offering coffee first; speaking slowly"),
    ("Jordan Silva", "25_34", "green backpack, headphones", "being touched without warning",
     "texting his sister Ana; a quiet spot away from the crowd"),
    ("Hodan Warsame", "35_44", "blue hijab, Somali speaker", "questions about immigration",
     "Somali interpreter line; talking about her children"),
    ("Sam Okafor", "65_PLUS", "hard of hearing, veteran cap", "being talked over",
     "facing him when speaking; VA outreach contact"),
    ("Riley Chen", "18_24", "skateboard, nose ring", "mentions of his stepfather",
     "humour; the youth drop-in on 6th Ave"),
]
# Places the team goes back to (the demo station dispatches some calls to them).
REPEAT_PLACES = ["1100 Pacific Ave", "2302 S Tacoma Way", "4518 MLK Jr Way",
                 "915 E 72nd St", "3700 Portland Ave"]
OUTCOMES = ["RESOLVED_ON_SCENE", "REFERRED", "DECLINED_ALL", "TRANSPORTED"]
SAFETY = ["", "", "dog on site (friendly)", "shouted at staff last time; keep distance",
          "threw a bottle at the door in March", "narrow stairwell, bring a light"]
FOLLOW_UPS = ["bring the bus pass", "check on the foot wound", "shelter bed call-back",
              "ID voucher from the DMV office", "drop off a phone charger"]


def people_history(rng: random.Random, now_iso_date: str, places: list[str],
                   years: int = 2) -> dict[str, list[dict]]:
    """Repeat people, their earlier contacts at ``places`` and open follow-ups (some due today,
    some overdue), as plain dicts shaped like the core's KnownPerson / Contact / FollowUp."""
    from datetime import date, timedelta  # noqa: PLC0415

    today = date.fromisoformat(now_iso_date)
    persons, contacts, follow_ups = [], [], []
    for i, (name, age, description, triggers, helped) in enumerate(REPEAT_PEOPLE):
        pid = f"demo-person-{i + 1:02d}"
        seen = []
        for k in range(rng.randint(3, 9)):
            day = today - timedelta(days=rng.randint(2, 365 * years))
            at = f"{day.isoformat()}T{rng.randint(8, 20):02d}:{rng.randint(0, 59):02d}:00.000Z"
            seen.append(at)
            safety = rng.choice(SAFETY)
            contacts.append({
                "id": f"demo-contact-{i + 1:02d}-{k + 1:02d}", "at": at, "person_id": pid,
                # Mostly where they stay; now and then at the next place over.
                "address": places[(i + (k % 4 == 3)) % len(places)], "unit_id": "CSO-7",
                "kind": "outreach" if k % 3 == 2 else "call",
                "outcome_code": rng.choice(OUTCOMES), "safety_notes": safety,
                "triggers": triggers if k % 2 == 0 else "", "what_helped": helped,
                "violence": "bottle" in safety or "shouted" in safety})
        created = min(seen)
        persons.append({"id": pid, "display_name": name, "age_range": age,
                        "description": description, "last_seen_at": max(seen),
                        "created_at": created, "updated_at": max(seen)})
        if i < len(FOLLOW_UPS):
            due = today + timedelta(days=(0, -2, 0, 3, -5)[i])
            follow_ups.append({
                "id": f"demo-follow-up-{i + 1:02d}", "what": FOLLOW_UPS[i],
                "due_date": due.isoformat(), "created_at": created, "updated_at": created,
                "person_id": pid, "who": "CSO-12", "unit_id": "CSO-12", "state": "open",
                "attempts": []})
    return {"persons": persons, "contacts": contacts, "follow_ups": follow_ups}


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
