"""The framework catalogue's services: the shipped default framework, export → import round
trips, publish, retire, copy and the immutability of published versions."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

import maturity
from cities import errors
from maturity.frameworks import export as frameworks_export
from maturity.frameworks import selectors
from maturity.frameworks import services as frameworks_services
from maturity.frameworks.format import FrameworkFormatError
from maturity.frameworks.models import Framework, FrameworkStatus, Indicator
from tests.factories import default_framework, make_assessment, make_open_cycle
from tests.maturity.frameworks.framework_samples import SMALL, with_version


@pytest.fixture(autouse=True)
def in_the_default_language():
    """Each test starts in the product's default language (Indonesian), whatever language an
    earlier request in this thread activated."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


DATA = Path(maturity.__file__).resolve().parent / "data"


def csv_rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def without_lines(text: str, starts: tuple[str, ...] = ("continues:", "previous:")) -> str:
    return "\n".join(line for line in text.splitlines() if not line.strip().startswith(starts))


def default_tree() -> Framework:
    return selectors.framework_tree(default_framework().pk)


# --- The default framework --------------------------------------------------------------------


def test_load_defaults_leaves_one_published_default_framework(db):
    call_command("load_defaults", stdout=io.StringIO())  # a second run
    framework = default_framework()
    assert Framework.objects.filter(code=framework.code).count() == 1
    assert framework.status == FrameworkStatus.PUBLISHED
    assert framework.published_at is not None


def test_default_framework_has_three_elements_and_the_nineteen_iso_themes(db):
    tree = default_tree()
    elements = list(tree.elements.all())
    assert [e.code for e in elements] == ["E1", "E2", "E3"]
    element_of_theme = {t.code: e.code for e in elements for t in e.themes.all()}
    expected = {row["theme_code"]: row["element"] for row in csv_rows("theme_elements.csv")}
    assert len(expected) == 19
    assert {code: element_of_theme.get(code) for code in expected} == expected


def test_default_framework_holds_every_iso37122_clause_in_its_theme(db):
    tree = default_tree()
    theme_of_clause = {
        indicator.iso37122: theme.code
        for element in tree.elements.all()
        for theme in element.themes.all()
        for indicator in theme.indicators.all()
        if indicator.iso37122
    }
    clauses = [row["clause"] for row in csv_rows("iso37122_indicators.csv")]
    assert len(clauses) == 80
    assert sorted(set(clauses) - set(theme_of_clause)) == []
    theme_by_chapter = {row["clause"]: row["theme_code"] for row in csv_rows("theme_elements.csv")}
    misplaced = {
        clause: theme_of_clause[clause]
        for clause in clauses
        if theme_of_clause[clause] != theme_by_chapter[clause.split(".")[0]]
    }
    assert misplaced == {}


def test_every_default_title_and_guidance_is_given_in_both_languages(db):
    tree = default_tree()
    missing = []
    if not (tree.title_id.strip() and tree.title_en.strip()):
        missing.append("framework title")
    for element in tree.elements.all():
        if not (element.title_id.strip() and element.title_en.strip()):
            missing.append(f"{element.code} title")
        for theme in element.themes.all():
            if not (theme.title_id.strip() and theme.title_en.strip()):
                missing.append(f"{theme.code} title")
            for indicator in theme.indicators.all():
                if not (indicator.title_id.strip() and indicator.title_en.strip()):
                    missing.append(f"{indicator.code} title")
                if not (indicator.guidance_id.strip() and indicator.guidance_en.strip()):
                    missing.append(f"{indicator.code} guidance")
    assert missing == []
    for level in ("1", "2", "3", "4", "5"):
        assert tree.levels[level]["id"].strip() and tree.levels[level]["en"].strip()


def test_every_default_rubric_has_five_bilingual_descriptors(db):
    rubrics = Indicator.objects.filter(framework=default_framework(), kind="rubric")
    assert rubrics.exists()
    incomplete = [
        indicator.code
        for indicator in rubrics
        if sorted(indicator.rubric) != ["1", "2", "3", "4", "5"]
        or not all(
            indicator.rubric[level]["id"].strip() and indicator.rubric[level]["en"].strip()
            for level in indicator.rubric
        )
    ]
    assert incomplete == []


def test_default_framework_breaks_no_rule_of_the_file_format(db):
    assert frameworks_export.framework_problems(default_framework()) == []


# --- Export and import ------------------------------------------------------------------------


def test_default_exported_and_imported_under_another_version_exports_byte_identical(db):
    framework = default_framework()
    exported = frameworks_export.export_framework(framework)
    copy = frameworks_services.import_framework(text=with_version(exported, "uji-ulang"))
    again = frameworks_export.export_framework(copy)
    assert again != exported  # the version line differs …
    assert with_version(again, framework.version) == exported  # … and nothing else


def test_small_file_imported_exported_and_reimported_exports_byte_identical(db):
    first = frameworks_export.export_framework(frameworks_services.import_framework(text=SMALL))
    Framework.objects.filter(code="uji").delete()
    second = frameworks_export.export_framework(frameworks_services.import_framework(text=first))
    assert second == first


def test_import_writes_every_field_of_the_file(db):
    framework = frameworks_services.import_framework(text=SMALL)
    assert framework.status == FrameworkStatus.DRAFT
    assert framework.description_en == "For tests only."
    assert framework.index_bands == ["1.8", "2.6", "3.5", "4.2"]
    edu_1, edu_2, wat_1 = Indicator.objects.filter(framework=framework).order_by("position")
    assert (edu_1.iso37122, edu_1.unit, edu_1.direction) == ("6.1", "%", "higher")
    assert edu_1.thresholds == ["20", "40", "60", "80"]
    assert edu_1.guidance_id == "Persen siswa."
    assert edu_2.rubric["3"] == {"id": "Berjalan", "en": "Running"}
    assert (edu_2.weight, edu_2.evidence_required) == (2, True)
    assert (wat_1.yes_level, wat_1.no_level, wat_1.required) == (5, 1, False)
    assert wat_1.theme.element.weight == 1.5


def test_importing_an_existing_code_and_version_is_refused_naming_version(db):
    frameworks_services.import_framework(text=SMALL)
    with pytest.raises(errors.Invalid) as refused:
        frameworks_services.import_framework(text=SMALL)
    assert refused.value.code == "duplicate_version"
    assert refused.value.fields == {"version": ["Kerangka uji versi 1.0 sudah ada."]}
    assert Framework.objects.filter(code="uji").count() == 1


def test_an_indicator_without_continues_continues_the_previous_versions_namesake(db):
    frameworks_services.import_framework(text=SMALL)
    following = with_version(SMALL, "2.0").replace(
        'version: "2.0"\n', 'version: "2.0"\nprevious: "1.0"\n'
    )
    framework = frameworks_services.import_framework(text=following)
    continues = dict(Indicator.objects.filter(framework=framework).values_list("code", "continues"))
    assert continues == {"EDU-1": "EDU-1", "EDU-2": "EDU-2", "WAT-1": "WAT-1"}


# --- Publish, retire, copy --------------------------------------------------------------------


def test_publishing_a_draft_makes_it_immutable(db):
    draft = frameworks_services.import_framework(text=SMALL)
    frameworks_services.ensure_editable(draft)
    published = frameworks_services.publish_framework(framework=draft)
    assert published.status == FrameworkStatus.PUBLISHED
    assert published.published_at is not None
    with pytest.raises(frameworks_services.FrameworkImmutable) as refused:
        frameworks_services.ensure_editable(draft)
    assert refused.value.code == "framework_immutable"
    with translation.override("en"), pytest.raises(frameworks_services.FrameworkImmutable) as again:
        frameworks_services.ensure_editable(draft)
    assert again.value.message.endswith("cannot be changed; copy it as a new version.")


def test_publishing_twice_is_refused(db):
    draft = frameworks_services.import_framework(text=SMALL, publish=True)
    with pytest.raises(frameworks_services.FrameworkConflict) as refused:
        frameworks_services.publish_framework(framework=draft)
    assert refused.value.code == "transition_not_allowed"
    assert refused.value.message.startswith("Hanya draf yang dapat diterbitkan")


def test_a_draft_edited_to_break_a_rule_is_not_published(db):
    draft = frameworks_services.import_framework(text=SMALL)
    Indicator.objects.filter(framework=draft, code="EDU-1").update(
        thresholds=["80", "60", "40", "20"]
    )
    with pytest.raises(FrameworkFormatError) as refused:
        frameworks_services.publish_framework(framework=draft)
    assert [p.path for p in refused.value.problems] == [
        "elements[0].themes[0].indicators[0].thresholds"
    ]
    draft.refresh_from_db()
    assert draft.status == FrameworkStatus.DRAFT


def test_retiring_keeps_the_cycles_and_assessments_made_on_it(db):
    framework = frameworks_services.import_framework(text=SMALL, publish=True)
    cycle = make_open_cycle(framework=framework, name="Siklus uji")
    assessment = make_assessment("73.71", cycle=cycle)
    retired = frameworks_services.retire_framework(framework=framework)
    assert retired.status == FrameworkStatus.RETIRED
    assert retired.retired_at is not None
    assessment.refresh_from_db()
    assert assessment.cycle.framework_id == framework.pk
    with pytest.raises(frameworks_services.FrameworkImmutable):
        frameworks_services.ensure_editable(retired)


def test_only_a_published_version_is_retired(db):
    draft = frameworks_services.import_framework(text=SMALL)
    with pytest.raises(frameworks_services.FrameworkConflict):
        frameworks_services.retire_framework(framework=draft)


def test_a_copy_is_a_draft_following_its_source_with_indicators_continuing_namesakes(db):
    source = default_framework()
    copy = frameworks_services.copy_framework(framework=source, version="2099.1")
    assert copy.status == FrameworkStatus.DRAFT
    assert copy.previous_version == source.version
    continued = list(
        Indicator.objects.filter(framework=copy)
        .order_by("position")
        .values_list("code", "continues")
    )
    assert continued == [(code, code) for code, _ in continued]
    assert len(continued) == Indicator.objects.filter(framework=source).count()
    source_text = frameworks_export.export_framework(source)
    copy_text = frameworks_export.export_framework(copy)
    assert f'previous: "{source.version}"' in copy_text.splitlines()
    assert without_lines(with_version(copy_text, source.version)) == without_lines(source_text)


def test_copying_a_draft_is_refused(db):
    draft = frameworks_services.import_framework(text=SMALL)
    with pytest.raises(frameworks_services.FrameworkConflict) as refused:
        frameworks_services.copy_framework(framework=draft, version="2.0")
    assert refused.value.code == "not_published"
    assert Framework.objects.filter(code="uji").count() == 1


def test_copying_onto_an_existing_version_is_refused_naming_version(db):
    source = frameworks_services.import_framework(text=SMALL, publish=True)
    with pytest.raises(errors.Invalid) as refused:
        frameworks_services.copy_framework(framework=source, version="1.0")
    assert list(refused.value.fields) == ["version"]
    assert refused.value.code == "duplicate_version"


def test_drafts_are_visible_to_ministry_admins_only(cast):
    draft = frameworks_services.import_framework(text=SMALL)
    assert draft in selectors.visible_frameworks(cast.admin)
    for person in (cast.csco_a, cast.reviewer, cast.observer):
        visible = selectors.visible_frameworks(person)
        assert draft not in visible
        assert default_framework() in visible
