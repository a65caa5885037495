"""The demo cycle's story, read from ``maturity/data/demo/demo_cycle.yaml``: its regions (where
each ends up, the maturity its answers tend to, the reviewer's comments, the programmes it
cites) and the rules its answers, reviews and dates are drawn by (see the file's comments)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from maturity.assessments.models import AssessmentStatus

STORY_FILE = Path(__file__).resolve().parent.parent / "data" / "demo" / "demo_cycle.yaml"


@dataclass(frozen=True)
class DraftPlan:
    """How far a draft has got: what is answered, who helped, what evidence is still missing."""

    answered_themes: tuple[str, ...]
    answered_indicators: tuple[str, ...]
    contributor: str  # username; answers the indicators of contributor_element
    contributor_element: str
    evidence_missing: tuple[str, ...]


@dataclass(frozen=True)
class DemoRegion:
    """A region of the demo cycle: the maturity its answers tend to and where it ends up."""

    code: str
    mean: float  # the level its answers are drawn around (the index lands a little below it)
    status: AssessmentStatus
    login: str  # its CSCO is csco.<login>
    existing_account: bool  # made by create_demo_accounts (else created by the loader)
    can_sign_in: bool  # its CSCO gets the demo password
    review_started: bool  # submitted, and the reviewer has begun verifying
    return_comment: str
    review_comments: dict[str, str]  # indicator code: the reviewer's comment (when returned)
    no_data: tuple[str, ...]  # always answered "no data"
    cites: dict[str, tuple[str, ...]]  # demo programme name: indicator codes
    draft: DraftPlan | None

    @property
    def csco(self) -> str:
        return f"csco.{self.login}"


@dataclass(frozen=True)
class AnswerRules:
    data_year: int
    level_spread: float
    data_year_share: float
    quality_weights: dict[str, int]
    not_applicable_count: tuple[int, ...]
    no_data_count: tuple[int, ...]
    tendency: dict[str, float]  # indicator code: shift of the region's mean
    not_applicable: dict[str, str]  # indicator code: justification
    no_data: dict[str, str]  # indicator code: comment
    sources: dict[str, Any]  # default, themes, indicators, rubric_sources


@dataclass(frozen=True)
class ReviewRules:
    lowered_count: tuple[int, ...]
    checked_count: int
    raise_chance: float
    lower_comments: tuple[str, ...]
    higher_comment: str
    agree_comment: str


@dataclass(frozen=True)
class DateRules:
    working_hours: tuple[int, int]
    submitted_days_ago: tuple[int, int]
    decided_submitted_days_ago: tuple[int, int]
    decided_after_days: tuple[int, int]
    answered_before_submit_days: tuple[int, int]
    started_before_submit_days: tuple[int, int]


@dataclass(frozen=True)
class DemoStory:
    name: str
    year: int
    opens_days_ago: int
    closes_in_days: int
    admin: str
    reviewer: str
    seed: str
    regions: tuple[DemoRegion, ...]
    answers: AnswerRules
    evidence_titles: dict[str, str]
    review: ReviewRules
    dates: DateRules

    def rng(self, *parts: object) -> random.Random:
        """The random draws of one step for one region: seeded, so the same every time."""
        return random.Random("-".join((self.seed, *map(str, parts))))

    def accounts(self) -> list[str]:
        """The demo accounts the story needs before it is loaded (create_demo_accounts)."""
        names = [self.admin, self.reviewer]
        for region in self.regions:
            if region.existing_account:
                names.append(region.csco)
            if region.draft:
                names.append(region.draft.contributor)
        return names

    @property
    def sign_in_login(self) -> str:
        """The region whose CSCO can sign in (the returned-assessment page of the screenshots)."""
        return next(region.login for region in self.regions if region.can_sign_in)


def _region(entry: dict[str, Any]) -> DemoRegion:
    draft = entry.pop("draft", None)
    region = DemoRegion(
        code=str(entry.pop("code")),
        mean=float(entry.pop("mean")),
        status=AssessmentStatus(entry.pop("status")),
        login=entry.pop("login"),
        existing_account=entry.pop("existing_account", False),
        can_sign_in=entry.pop("can_sign_in", False),
        review_started=entry.pop("review_started", False),
        return_comment=entry.pop("return_comment", ""),
        review_comments=dict(entry.pop("review_comments", {})),
        no_data=tuple(entry.pop("no_data", ())),
        cites={name: tuple(codes) for name, codes in entry.pop("cites", {}).items()},
        draft=None if draft is None else DraftPlan(**{k: _frozen(v) for k, v in draft.items()}),
    )
    if entry:
        raise ValueError(f"region {region.code}: unknown keys {sorted(entry)}")
    if (region.status == AssessmentStatus.DRAFT) != (region.draft is not None):
        raise ValueError(f"region {region.code}: a draft, and only a draft, has a draft plan")
    return region


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _answer_rules(data: dict[str, Any]) -> AnswerRules:
    tendency = {
        code: float(group["shift"]) for group in data["tendency"] for code in group["indicators"]
    }
    return AnswerRules(
        data_year=data["cycle"]["data_year"],
        **{k: _frozen(v) for k, v in data["answers"].items()},
        tendency=tendency,
        not_applicable=data["not_applicable"],
        no_data=data["no_data"],
        sources=data["sources"],
    )


def read_story(path: Path = STORY_FILE) -> DemoStory:
    """The story in ``path`` (the demo cycle file by default)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cycle = data["cycle"]
    return DemoStory(
        name=str(cycle["name"]),
        year=cycle["year"],
        opens_days_ago=cycle["opens_days_ago"],
        closes_in_days=cycle["closes_in_days"],
        admin=cycle["admin"],
        reviewer=cycle["reviewer"],
        seed=cycle["seed"],
        regions=tuple(_region(dict(entry)) for entry in data["regions"]),
        answers=_answer_rules(data),
        evidence_titles=data["evidence_titles"],
        review=ReviewRules(**{k: _frozen(v) for k, v in data["review"].items()}),
        dates=DateRules(**{k: _frozen(v) for k, v in data["dates"].items()}),
    )
