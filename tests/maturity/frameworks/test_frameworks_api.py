"""The frameworks API: listing, the whole tree, import (with every broken-file rule), publish,
retire and copy — who may do what, the 400 shape, and that a refused file writes nothing."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maturity.frameworks import export, services
from maturity.frameworks.format import dump_framework, parse_framework
from maturity.frameworks.models import Framework, FrameworkStatus, Indicator
from tests.factories import default_framework, make_assessment, make_open_cycle
from tests.maturity.frameworks.framework_samples import BROKEN, SMALL

LIST = "/api/v1/frameworks/"
IMPORT = "/api/v1/frameworks/import/"


def detail(framework: Framework) -> str:
    return f"/api/v1/frameworks/{framework.pk}/"


def upload(text: str | bytes, name: str = "kerangka.yaml") -> dict[str, SimpleUploadedFile]:
    data = text.encode() if isinstance(text, str) else text
    return {"file": SimpleUploadedFile(name, data, content_type="application/yaml")}


def small_draft() -> Framework:
    return services.import_framework(text=SMALL)


# --- Reading ----------------------------------------------------------------------------------


def test_signed_in_people_list_published_frameworks_with_indonesian_titles(api):
    framework = default_framework()
    response = api.csco_a.get(LIST)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert rows == [
        {
            "id": framework.pk,
            "code": framework.code,
            "version": framework.version,
            "title": framework.title_id,
            "status": "published",
        }
    ]


def test_lang_en_lists_english_titles(api):
    response = api.observer.get(LIST, {"lang": "en"})
    assert response.json()["results"][0]["title"] == default_framework().title_en


def test_the_language_chosen_with_the_switch_gives_english_titles(api):
    api.observer.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = api.observer.get(LIST)
    assert response.json()["results"][0]["title"] == default_framework().title_en


def test_a_client_asking_for_english_by_accept_language_gets_english_titles(api):
    response = api.observer.get(LIST, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["results"][0]["title"] == default_framework().title_en


def test_titles_are_indonesian_unless_english_is_asked_for(api):
    for accepted in ("", "id", "fr-FR,fr;q=0.9", "*"):
        response = api.observer.get(LIST, HTTP_ACCEPT_LANGUAGE=accepted)
        assert response.json()["results"][0]["title"] == default_framework().title_id


def test_anonymous_callers_are_asked_to_sign_in(api):
    assert api.anon.get(LIST).status_code == 401
    assert api.anon.get(detail(default_framework())).status_code == 401


@pytest.mark.parametrize("role", ["csco_a", "contributor_a", "reviewer", "observer"])
def test_drafts_are_not_found_by_anyone_but_ministry_admins(api, role):
    draft = small_draft()
    client = api[role]
    assert draft.pk not in [row["id"] for row in client.get(LIST).json()["results"]]
    assert client.get(detail(draft)).status_code == 404


def test_ministry_admins_list_and_read_drafts(api):
    draft = small_draft()
    listed = api.admin.get(LIST, {"status": "draft"}).json()["results"]
    assert [row["id"] for row in listed] == [draft.pk]
    assert api.admin.get(detail(draft)).status_code == 200


def test_an_unknown_status_filter_is_a_400(api):
    response = api.admin.get(LIST, {"status": "archived"})
    assert response.status_code == 400
    assert "status" in response.json()


def test_the_detail_is_the_whole_tree_as_in_the_file_format(api):
    framework = services.import_framework(text=SMALL, publish=True)
    body = api.csco_b.get(detail(framework)).json()
    assert body["code"] == "uji"
    assert body["version"] == "1.0"
    assert body["status"] == "published"
    assert body["previous"] is None
    assert body["title"] == {"id": "Kerangka uji kecil", "en": "Small test framework"}
    assert body["levels"]["5"] == {"id": "M5 Paripurna", "en": "M5 Complete"}
    assert body["index_bands"] == ["1.8", "2.6", "3.5", "4.2"]
    assert [e["code"] for e in body["elements"]] == ["E1", "E2"]
    assert body["elements"][1]["weight"] == "1.5"
    edu = body["elements"][0]["themes"][0]
    assert edu["code"] == "EDU"
    assert edu["indicators"][0] == {
        "code": "EDU-1",
        "iso37122": "6.1",
        "title": {"id": "Kemahiran berbahasa", "en": "Language proficiency"},
        "guidance": {"id": "Persen siswa.", "en": "Percent of pupils."},
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ["20", "40", "60", "80"],
        "allow_negative": False,
        "rubric": None,
        "yes_level": None,
        "no_level": None,
        "weight": "1",
        "required": True,
        "evidence_required": False,
        "continues": None,
    }
    assert edu["indicators"][1]["rubric"]["4"] == {"id": "Terpadu", "en": "Integrated"}
    binary = body["elements"][1]["themes"][0]["indicators"][0]
    assert (binary["kind"], binary["yes_level"], binary["no_level"]) == ("binary", 5, 1)


def test_the_default_tree_has_three_elements_and_every_indicator(api):
    framework = default_framework()
    body = api.reviewer.get(detail(framework)).json()
    themes = [t for e in body["elements"] for t in e["themes"]]
    indicators = [i for t in themes for i in t["indicators"]]
    assert len(body["elements"]) == 3
    assert len(themes) >= 19
    assert len(indicators) == Indicator.objects.filter(framework=framework).count()


def test_the_tree_is_read_in_the_same_few_queries_whatever_its_size(
    api, django_assert_max_num_queries
):
    small = services.import_framework(text=SMALL, publish=True)
    large = default_framework()
    api.csco_a.get(detail(small))  # the caller's memberships are read once and kept

    def queries(framework: Framework) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api.csco_a.get(detail(framework)).status_code == 200
        return len(captured)

    assert Indicator.objects.filter(framework=large).count() > 20 * 3
    assert queries(small) == queries(large)
    with django_assert_max_num_queries(6):
        api.csco_a.get(detail(large))


def test_a_published_framework_has_no_update_endpoint(api):
    framework = default_framework()
    exported = export.export_framework(framework)
    for method in ("put", "patch", "delete"):
        response = getattr(api.admin, method)(
            detail(framework), {"title": {"id": "X", "en": "X"}}, format="json"
        )
        assert response.status_code == 405
    assert export.export_framework(framework) == exported


# --- Import -----------------------------------------------------------------------------------


def test_admins_import_a_file_as_a_draft_and_get_its_tree(api):
    response = api.admin.post(IMPORT, upload(SMALL), format="multipart")
    assert response.status_code == 201
    body = response.json()
    assert (body["code"], body["version"], body["status"]) == ("uji", "1.0", "draft")
    assert [e["code"] for e in body["elements"]] == ["E1", "E2"]
    framework = Framework.objects.get(pk=body["id"])
    assert export.export_framework(framework) == dump_framework(parse_framework(SMALL))


def test_publish_1_imports_a_published_version(api):
    response = api.admin.post(f"{IMPORT}?publish=1", upload(SMALL), format="multipart")
    assert response.status_code == 201
    assert response.json()["status"] == "published"


@pytest.mark.parametrize("role", ["csco_a", "contributor_a", "reviewer", "observer"])
def test_only_ministry_admins_may_import(api, role):
    before = Framework.objects.count()
    response = api[role].post(IMPORT, upload(SMALL), format="multipart")
    assert response.status_code == 403
    assert Framework.objects.count() == before


def test_importing_an_existing_version_is_a_400_naming_version(api):
    small_draft()
    before = Framework.objects.count()
    response = api.admin.post(IMPORT, upload(SMALL), format="multipart")
    assert response.status_code == 400
    assert list(response.json()) == ["version", "code"]
    assert response.json()["code"] == "duplicate_version"
    assert Framework.objects.count() == before


def test_an_import_without_a_file_is_a_400_naming_file(api):
    response = api.admin.post(IMPORT, {}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()


@pytest.mark.parametrize(("text", "path"), BROKEN)
def test_a_broken_file_is_refused_whole_naming_the_path(api, text, path):
    before = Framework.objects.count()
    indicators_before = Indicator.objects.count()
    response = api.admin.post(f"{IMPORT}?publish=1", upload(text), format="multipart")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"file", "problems", "code"}
    assert body["code"] == "invalid_framework_file"
    assert any(message.startswith(f"{path}") for message in body["file"]), body["file"]
    assert path in [problem["path"] for problem in body["problems"]]
    for problem in body["problems"]:
        assert set(problem) == {"path", "line", "message"}
        assert problem["line"] is None or isinstance(problem["line"], int)
    assert Framework.objects.count() == before
    assert Indicator.objects.count() == indicators_before


def test_every_problem_of_a_file_is_listed_with_its_line(api):
    text = SMALL.replace("thresholds: [20, 40, 60, 80]", "thresholds: [20, 40]").replace(
        "title: {id: Air, en: Water}", "title: {id: Air}"
    )
    body = api.admin.post(IMPORT, upload(text), format="multipart").json()
    lines = text.splitlines()
    thresholds_line = lines.index("            thresholds: [20, 40]") + 1
    title_line = lines.index("        title: {id: Air}") + 1
    assert [(p["path"], p["line"]) for p in body["problems"]] == [
        ("elements[0].themes[0].indicators[0].thresholds", thresholds_line),
        ("elements[1].themes[0].title.en", title_line),
    ]
    assert body["file"][0].startswith(
        f"elements[0].themes[0].indicators[0].thresholds (baris {thresholds_line}): "
    )
    in_english = api.admin.post(f"{IMPORT}?lang=en", upload(text), format="multipart").json()
    assert in_english["file"][0].startswith(
        f"elements[0].themes[0].indicators[0].thresholds (line {thresholds_line}): "
    )


def test_a_file_that_is_not_text_is_a_400_not_a_500(api):
    response = api.admin.post(IMPORT, upload(b"\xff\xfe\x00\x00\x81garbage"), format="multipart")
    assert response.status_code == 400
    assert response.json()["file"]


# --- Publish, retire, copy --------------------------------------------------------------------


def test_admins_publish_a_draft_once(api):
    draft = small_draft()
    response = api.admin.post(f"{detail(draft)}publish/")
    assert response.status_code == 200
    assert response.json()["status"] == "published"
    assert response.json()["published_at"]
    again = api.admin.post(f"{detail(draft)}publish/")
    assert again.status_code == 409
    assert again.json() == {
        "detail": f"Hanya draf yang dapat diterbitkan; {draft} berstatus published.",
        "code": "transition_not_allowed",
    }
    in_english = api.admin.post(f"{detail(draft)}publish/?lang=en")
    assert in_english.status_code == 409
    assert in_english.json()["detail"] == f"Only a draft can be published; {draft} is published."


def test_importing_an_existing_version_answers_400_naming_version_with_its_code(api):
    small_draft()
    response = api.admin.post(IMPORT, upload(SMALL), format="multipart")
    assert response.status_code == 400
    assert response.json() == {
        "version": ["Kerangka uji versi 1.0 sudah ada."],
        "code": "duplicate_version",
    }


def test_a_refused_file_answers_400_with_every_problem_and_its_code(api):
    broken = SMALL.replace("[20, 40, 60, 80]", "[20, 40, 60]")
    response = api.admin.post(f"{IMPORT}?lang=en", upload(broken), format="multipart")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_framework_file"
    assert body["problems"] == [
        {
            "path": "elements[0].themes[0].indicators[0].thresholds",
            "line": body["problems"][0]["line"],
            "message": "must be four ascending numbers; got 3",
        }
    ]
    assert body["file"] == [
        f"elements[0].themes[0].indicators[0].thresholds (line {body['problems'][0]['line']}): "
        "must be four ascending numbers; got 3"
    ]


def test_copying_a_draft_answers_409_with_its_code(api):
    draft = small_draft()
    response = api.admin.post(f"{detail(draft)}copy/", {"version": "2.0"}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "not_published"


def test_people_who_cannot_see_a_draft_cannot_publish_it(api):
    draft = small_draft()
    assert api.csco_a.post(f"{detail(draft)}publish/").status_code == 404
    draft.refresh_from_db()
    assert draft.status == FrameworkStatus.DRAFT


@pytest.mark.parametrize("action", ["publish", "retire"])
def test_people_who_see_a_published_version_may_not_change_its_status(api, action):
    framework = default_framework()
    assert api.reviewer.post(f"{detail(framework)}{action}/").status_code == 403
    framework.refresh_from_db()
    assert framework.status == FrameworkStatus.PUBLISHED


def test_a_draft_edited_to_break_a_rule_is_refused_at_publish_with_its_problems(api):
    draft = small_draft()
    Indicator.objects.filter(framework=draft, code="WAT-1").update(weight=0)
    response = api.admin.post(f"{detail(draft)}publish/")
    assert response.status_code == 400
    assert [p["path"] for p in response.json()["problems"]] == [
        "elements[1].themes[0].indicators[0].weight"
    ]


def test_retired_versions_stay_readable_with_their_assessments(api):
    framework = services.import_framework(text=SMALL, publish=True)
    assessment = make_assessment("73.71", cycle=make_open_cycle(framework=framework, name="U"))
    response = api.admin.post(f"{detail(framework)}retire/")
    assert response.status_code == 200
    assert response.json()["status"] == "retired"
    assert api.csco_a.get(detail(framework)).json()["status"] == "retired"
    assessment.refresh_from_db()
    assert assessment.cycle.framework_id == framework.pk
    assert api.csco_a.get(f"/api/v1/assessments/{assessment.pk}/").status_code == 200
    answers = api.csco_a.get(f"/api/v1/assessments/{assessment.pk}/answers/")
    assert answers.status_code == 200
    assert api.admin.post(f"{detail(framework)}retire/").status_code == 409


def test_admins_copy_a_published_version_into_a_draft_that_continues_it(api):
    source = default_framework()
    response = api.admin.post(f"{detail(source)}copy/", {"version": "2027.1"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["version"], body["status"], body["previous"]) == (
        "2027.1",
        "draft",
        source.version,
    )
    indicators = [i for e in body["elements"] for t in e["themes"] for i in t["indicators"]]
    assert indicators
    assert all(i["continues"] == i["code"] for i in indicators)


def test_copying_onto_an_existing_version_is_a_400_naming_version(api):
    source = default_framework()
    response = api.admin.post(f"{detail(source)}copy/", {"version": source.version}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["version", "code"]
    assert response.json()["code"] == "duplicate_version"


def test_copying_without_a_version_is_a_400_naming_version(api):
    response = api.admin.post(f"{detail(default_framework())}copy/", {}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()


def test_copying_a_draft_is_a_409(api):
    draft = small_draft()
    response = api.admin.post(f"{detail(draft)}copy/", {"version": "2.0"}, format="json")
    assert response.status_code == 409


def test_only_ministry_admins_may_copy(api):
    before = Framework.objects.count()
    response = api.csco_a.post(
        f"{detail(default_framework())}copy/", {"version": "2027.1"}, format="json"
    )
    assert response.status_code == 403
    assert Framework.objects.count() == before
