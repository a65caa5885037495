"""The models of every part of the maturity app, gathered for Django's app registry.

Each part owns its models module; import models from there (``maturity.assessments.models``),
not from here. This module exists because Django loads an app's models from ``<app>.models``.
"""

from maturity.assessments.models import (
    EVIDENCE_FOLDER,
    Answer,
    Assessment,
    Evidence,
    HistoryEntry,
    Review,
    evidence_upload_to,
)
from maturity.cycles.models import AssessmentCycle
from maturity.frameworks.models import Element, Framework, Indicator, Theme
from maturity.programmes.models import (
    PROGRAMME_FILES_FOLDER,
    Programme,
    ProgrammeFile,
    programme_upload_to,
)
from maturity.progress.models import PlannedStep
from maturity.scores.models import ScoreSnapshot, ScoringJob
from maturity.verification.models import (
    ACTIVITY_FILES_FOLDER,
    ActivityFile,
    VerificationActivity,
    activity_upload_to,
)

__all__ = [
    "ACTIVITY_FILES_FOLDER",
    "EVIDENCE_FOLDER",
    "PROGRAMME_FILES_FOLDER",
    "ActivityFile",
    "Answer",
    "Assessment",
    "AssessmentCycle",
    "Element",
    "Evidence",
    "Framework",
    "HistoryEntry",
    "PlannedStep",
    "Indicator",
    "Programme",
    "ProgrammeFile",
    "Review",
    "ScoreSnapshot",
    "ScoringJob",
    "Theme",
    "VerificationActivity",
    "activity_upload_to",
    "evidence_upload_to",
    "programme_upload_to",
]
