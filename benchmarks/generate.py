"""Write N realistic claim files (deterministic for a seed): mixed roles, kinds and events.

    python benchmarks/generate.py OUT_DIR [N] [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

FIRST = ["Kari", "Ola", "Ingrid", "Lars", "Siri", "Jonas", "Marit", "Per", "Nora", "Emil", "Astrid", "Henrik"]
LAST = ["Nordmann", "Hansen", "Berg", "Eriksen", "Lie", "Haugen", "Dahl", "Olsen", "Solberg", "Moe"]
UNITS = ["IE-IDI", "IV-IBM", "NV-IKJ", "SU-ISL", "HF-IKM", "MH-ISB", "OK-AØK"]
SIMPLE = [("equipment", "USB-C cable"), ("books", "Textbook"), ("course_fee", "Course in project management"),
          ("conference_fee", "Conference registration"), ("phone", "Mobile subscription"), ("other", "Lab supplies")]
TRAVEL = [("flight", "Oslo - Trondheim"), ("public_transport", "Airport bus"), ("taxi", "Taxi to the hotel"),
          ("accommodation", "Hotel, two nights"), ("parking", "Parking at Værnes")]


def claim(rng: random.Random, number: int) -> str:
    role = rng.choices(["employee", "contractor", "external"], [6, 2, 2])[0]
    kind = rng.choice(["travel", "reimbursement"])
    start = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(300))
    end = start + dt.timedelta(days=rng.randrange(4))
    submitted = end + dt.timedelta(days=rng.randrange(1, 45))
    status = rng.choice(["draft", "sent", "approved", "paid", "returned"])
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    lines = [f"id: {'BM' if role != 'employee' else 'R'}-2024-{number:05d}", f"kind: {kind}", f"status: {status}",
             f"unit: {rng.choice(UNITS)}"]
    if status != "draft":
        lines.append(f"submitted: {submitted}")
    lines += ["claimant:", f"  name: {name}", f"  role: {role}",
              f"  email: {name.split()[0].lower()}@example.org", "  phone_country: NO"]
    if role == "contractor":
        lines += ["  contract:", f"    start: {start - dt.timedelta(days=30)}", f"    end: {end + dt.timedelta(days=90)}"]
    if role == "external":
        lines += ["  access:", "    ordered_by: Ola Hansen", "    purpose: Guest lecture", "    date_of_birth: 1980-04-02",
                  "    unit: Department of Computer Science", '    cost_centre: "68123"']
    if role != "employee":
        lines += ["pre_approval:", "  by: Ola Hansen", f"  date: {start - dt.timedelta(days=10)}"]
    if kind == "travel":
        lines += ["trip:", f"  start: {start}", f"  end: {end}", f"  accommodation: {rng.choice(['hotel', 'private', 'none'])}"]
    if rng.random() < 0.7:
        lines += ["cost_allocation:", f'  work_order: "{rng.randrange(10**7, 10**8)}"']
    lines.append("expenses:")
    for _ in range(rng.randint(1, 4)):
        lines += expense(rng, kind, start, end)
    return "\n".join(lines) + "\n"


def expense(rng: random.Random, kind: str, start: dt.date, end: dt.date) -> list[str]:
    day = start + dt.timedelta(days=rng.randrange((end - start).days + 1))
    if kind == "reimbursement" and rng.random() < 0.25:
        return catering(rng, day)
    category, description = rng.choice(TRAVEL if kind == "travel" else SIMPLE)
    amount = f"{rng.randrange(50, 5000)}.{rng.randrange(100):02d}"
    lines = [f"  - date: {day}", f"    category: {category}", f"    description: {description}",
             f"    amount: {amount}"]
    if kind == "reimbursement":
        lines.append("    manager_agreement: true")
        if category == "phone":
            lines.append("    agreements: [elkom]")
    lines += ["    attachments:", f"      - {{type: receipt, language: {rng.choice(['nb', 'en', 'sv'])}}}"]
    return lines


def catering(rng: random.Random, day: dt.date) -> list[str]:
    internal, external = rng.randint(3, 20), rng.randint(0, 5)
    per_person = rng.choice([180, 220, 480, 700, 900])
    amount = per_person * (internal + external)
    venue = rng.choice(["internal", "internal", "external"])
    lines = [f"  - date: {day}", "    category: catering", "    description: Lunch for the project meeting",
             f"    amount: {amount}", "    attachments:", "      - {type: invoice}", "      - {type: bank_statement}",
             "    event:", "      type: meeting", f"      date: {day}", '      start: "10:00"',
             f'      end: "{rng.choice(["11:30", "13:00", "15:30", "17:00"])}"', f"      venue: {venue}",
             "      occasion: " + ("external_participants" if external else "board"),
             "      participants:", f"        internal: {internal}", f"        external: {external}",
             "      approval: {by: Kari Dahl, role: head_of_department, date: " + str(day - dt.timedelta(days=7)) + "}",
             "      supplier: Example Catering AS",
             "      order: {purpose: Project meeting, time: '10:00', place: Room 101, delivery: Room 101,"
             " contact: kari.dahl@ntnu.no}"]
    if venue == "external":
        lines.append("      venue_reason: No meeting room large enough")
    return lines


def generate(folder: Path, count: int, seed: int = 2024) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        sub = folder / f"{number // 1000:02d}"
        sub.mkdir(exist_ok=True)
        path = sub / f"claim-{number:05d}.yaml"
        path.write_text(claim(rng, number), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("count", type=int, nargs="?", default=1000)
    parser.add_argument("--seed", type=int, default=2024)
    options = parser.parse_args()
    print(f"wrote {len(generate(options.folder, options.count, options.seed))} claims to {options.folder}")
