"""What two lenses add to scoring: 514 assessments on the default framework, scored on both tracks
with and without the framework's two lenses (ASCN, national dimensions), by the pure functions.

    .venv/bin/python benchmarks/lenses.py [--assessments 514] [--repeat 5]

No database: the default framework file is parsed and turned into scoring rules, and each
assessment is a seeded random set of indicator levels (a few not applicable). It prints the
median time to score all assessments without lenses (the floor), with lenses, and the ratio.
Target (issue #19): with two lenses at most 20 % more than without.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assessments", type=int, default=514)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    setup()
    from maturity.frameworks.format import parse_framework
    from maturity.scoring.calculation import (
        ElementRule,
        FrameworkRules,
        IndicatorRule,
        ThemeRule,
        score_track,
    )
    from maturity.scoring.lenses import LensGroupRule, LensRule, group_indicators, score_lenses

    spec = parse_framework((ROOT / "maturity" / "data" / "default_framework.yaml").read_bytes())
    rules = FrameworkRules(
        elements=tuple(ElementRule(e.code, e.weight) for e in spec.elements),
        themes=tuple(ThemeRule(t.code, e.code, t.weight) for e, t in spec.themes()),
        indicators=tuple(
            IndicatorRule(i.code, t.code, i.kind, i.weight, i.direction, i.thresholds or ())
            for _, t, i in spec.indicators()
        ),
        index_bands=spec.index_bands,  # type: ignore[arg-type]
    )
    lenses = tuple(
        LensRule(
            lens.code,
            tuple(
                LensGroupRule(g.code, group_indicators(rules, g.themes, g.indicators), g.weight)
                for g in lens.groups
            ),
        )
        for lens in spec.lenses
    )
    rng = random.Random(37122)
    codes = [i.code for i in rules.indicators]
    tracks = [
        [
            {code: (None if rng.random() < 0.04 else rng.randint(0, 5)) for code in codes}
            for _ in (0, 1)  # the self and the verified track
        ]
        for _ in range(args.assessments)
    ]

    def without() -> None:
        for pair in tracks:
            for levels in pair:
                score_track(rules, levels)

    def with_lenses() -> None:
        for pair in tracks:
            for levels in pair:
                score_track(rules, levels)
                score_lenses(rules, lenses, levels)

    def median_of(run: object) -> float:
        times = []
        for _ in range(args.repeat):
            started = time.process_time()
            run()  # type: ignore[operator]
            times.append(time.process_time() - started)
        return statistics.median(times)

    base, lensed = median_of(without), median_of(with_lenses)
    groups = sum(len(lens.groups) for lens in lenses)
    print(
        f"{args.assessments} assessments × 2 tracks, {len(codes)} indicators, "
        f"{len(lenses)} lenses of {groups} groups"
    )
    print(f"  scoring without lenses: {base * 1000:8.1f} ms CPU")
    print(f"  scoring with lenses:    {lensed * 1000:8.1f} ms CPU")
    print(f"  with ÷ without:         {lensed / base:8.2f} (target ≤ 1.20)")


if __name__ == "__main__":
    main()
