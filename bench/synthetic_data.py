"""Write SYNTHETIC data tables (not real organisations) of a chosen size, for benchmarks.

Every name starts with "SYNTHETIC" and every source is under https://example.org/synthetic/,
so the data cannot be mistaken for the region's. Districts are the real district table (the
actors must sit somewhere the vocabulary knows).

    python bench/synthetic_data.py 10000 /tmp/synthetic-10k
"""

from __future__ import annotations

import csv
import random
import shutil
import sys
from pathlib import Path

from graph.build.tablespec import ACTORS, COLLECTION_POINTS, PROJECTS, RELATIONS

REPO = Path(__file__).resolve().parent.parent
KINDS = ["recycler", "dismantler", "refiner_smelter", "repair_reuse", "social_enterprise", "manufacturer",
         "waste_authority", "research", "university", "association_cluster", "economic_development"]
STAGES = ["TS-01", "TS-RR", "TS-05", "TS-06", "TS-07", "TS-08", "TS-09", "TS-MR", "TS-12", "TS-13"]
MATERIALS = ["copper", "aluminium", "gold", "silver", "tantalum", "tungsten", "cobalt", "lithium", "zinc",
             "lead", "indium", "gallium", "weee", "weee-small", "batteries", "plastics"]
CATEGORIES = [f"EEE-CAT-{i}" for i in range(1, 7)]
DISTRICTS = [("Goslar", 51.9, 10.4), ("Göttingen", 51.6, 10.0), ("Harz", 51.8, 11.0),
             ("Mansfeld-Südharz", 51.5, 11.3), ("Nordhausen", 51.5, 10.8), ("Kyffhäuserkreis", 51.35, 11.0)]
GROUPS = ["SG1", "SG2", "SG3", "SG4", "SG5"]
RELATION_TYPES = ["member_of", "cooperates_with", "supplies", "subsidiary_of", "related_to"]


def write(n_actors: int, folder: Path, *, seed: int = 7) -> Path:
    """Write actors, relations (≈2 per actor), projects (n/20), collection points (n/50)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "data" / "districts.csv", folder / "districts.csv")
    ids = [f"synthetic-actor-{i}" for i in range(n_actors)]
    with _writer(folder / "actors.csv", ACTORS.column_names) as out:
        for i, actor in enumerate(ids):
            district, lat, lon = rng.choice(DISTRICTS)
            out.writerow({
                "id": actor, "name": f"SYNTHETIC actor {i}", "kind": rng.choice(KINDS), "city": "Synthetic town",
                "district": district, "lat": f"{lat + rng.uniform(-0.1, 0.1):.4f}",
                "lon": f"{lon + rng.uniform(-0.1, 0.1):.4f}",
                "materials": ";".join(rng.sample(MATERIALS, rng.randint(0, 3))),
                "weee_categories": ";".join(rng.sample(CATEGORIES, rng.randint(0, 2))),
                "stages": ";".join(rng.sample(STAGES, rng.randint(0, 2))),
                "description_en": "SYNTHETIC benchmark record", "confidence": rng.choice(["high", "medium", "low"]),
                "sources": f"https://example.org/synthetic/{i}", "checked": "2026-11-25"})
    projects = [f"synthetic-project-{i}" for i in range(max(1, n_actors // 20))]
    with _writer(folder / "projects.csv", PROJECTS.column_names) as out:
        for i, project in enumerate(projects):
            out.writerow({"id": project, "name": f"SYNTHETIC project {i}", "start": "2020",
                          "coordinator": rng.choice(ids), "confidence": "high",
                          "sources": f"https://example.org/synthetic/p{i}"})
    seen = set()
    with _writer(folder / "relations.csv", RELATIONS.column_names) as out:
        for i in range(2 * n_actors):
            subject = rng.choice(ids)
            relation = rng.choice(RELATION_TYPES + ["partner_in"])
            obj = rng.choice(projects if relation == "partner_in" else ids)
            if obj == subject or (subject, relation, obj) in seen:
                continue
            seen.add((subject, relation, obj))
            out.writerow({"subject": subject, "relation": relation, "object": obj,
                          "start": str(rng.randint(2000, 2025)), "confidence": rng.choice(["high", "medium"]),
                          "sources": f"https://example.org/synthetic/r{i}"})
    with _writer(folder / "collection_points.csv", COLLECTION_POINTS.column_names) as out:
        for i in range(max(1, n_actors // 50)):
            district, lat, lon = rng.choice(DISTRICTS)
            out.writerow({"id": f"synthetic-cp-{i}", "name": f"SYNTHETIC centre {i}", "operator": rng.choice(ids),
                          "district": district, "accepts": ";".join(sorted(rng.sample(GROUPS, 2))),
                          "confidence": "high", "sources": f"https://example.org/synthetic/c{i}"})
    return folder


class _writer:
    def __init__(self, path: Path, columns: list[str]):
        self.path, self.columns = path, columns

    def __enter__(self):
        self.handle = self.path.open("w", newline="", encoding="utf-8")
        writer = csv.DictWriter(self.handle, fieldnames=self.columns, lineterminator="\n")
        writer.writeheader()
        return writer

    def __exit__(self, *exc):
        self.handle.close()


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
