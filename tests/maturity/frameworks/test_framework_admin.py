"""The framework admin: read-only once published, import with problems shown, export, publish,
retire and copy; and the other maturity models shown read-only without evidence file links."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cities.models import Role
from maturity.assessments.models import Evidence, HistoryEntry
from maturity.frameworks import export as frameworks_export
from maturity.frameworks import services
from maturity.frameworks.models import Framework, FrameworkStatus, Indicator
from tests.factories import default_framework, make_assessment, member
from tests.maturity.frameworks.framework_samples import BROKEN, SMALL

CHANGELIST = "/admin/maturity/framework/"
IMPORT = "/admin/maturity/framework/import/"


def change_url(obj: object, model: str = "framework") -> str:
    return f"/admin/maturity/{model}/{obj.pk}/change/"  # type: ignore[attr-defined]


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("root", "root@example.go.id", "kata-sandi-root-2026")


@pytest.fixture
def admin_site(superuser) -> Client:
    client = Client()
    client.force_login(superuser)
    return client


@pytest.fixture
def ministry_admin_site(db) -> Client:
    """A staff account whose only power is the ministry admin role (no Django permissions)."""
    user = member("staff_admin", Role.ADMIN)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def reviewer_site(db) -> Client:
    """A staff account that is a reviewer: may not manage frameworks."""
    user = member("staff_reviewer", Role.REVIEWER)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client = Client()
    client.force_login(user)
    return client


def indicator_form(indicator: Indicator, **changes: object) -> dict[str, object]:
    """The indicator change form's fields as the admin page posts them."""
    import json

    data: dict[str, object] = {
        "theme": indicator.theme_id,
        "code": indicator.code,
        "iso37122": indicator.iso37122,
        "kind": indicator.kind,
        "position": indicator.position,
        "title_id": indicator.title_id,
        "title_en": indicator.title_en,
        "guidance_id": indicator.guidance_id,
        "guidance_en": indicator.guidance_en,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "thresholds": json.dumps(indicator.thresholds) if indicator.thresholds else "null",
        "rubric": json.dumps(indicator.rubric) if indicator.rubric else "null",
        "yes_level": indicator.yes_level or "",
        "no_level": indicator.no_level or "",
        "weight": str(indicator.weight),
        "continues": indicator.continues,
    }
    for flag in ("allow_negative", "required", "evidence_required"):
        if getattr(indicator, flag):
            data[flag] = "on"
    data.update(changes)
    return data


# --- Read-only once published -----------------------------------------------------------------


def test_the_changelist_lists_the_default_framework(admin_site):
    response = admin_site.get(CHANGELIST)
    assert response.status_code == 200
    assert default_framework().title_id in response.content.decode()


def test_a_published_framework_is_shown_read_only(admin_site):
    framework = default_framework()
    response = admin_site.get(change_url(framework))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="title_id"' not in page
    assert 'name="_save"' not in page
    assert 'name="indicators-0-title_id"' not in page  # the inlines are read-only too
    assert 'name="elements-0-code"' not in page
    assert framework.title_id in page


def test_a_post_to_a_published_frameworks_change_page_is_refused(admin_site):
    framework = default_framework()
    exported = frameworks_export.export_framework(framework)
    response = admin_site.post(
        change_url(framework),
        {"code": framework.code, "version": framework.version, "title_id": "Diubah"},
    )
    assert response.status_code == 403
    assert frameworks_export.export_framework(framework) == exported


def test_a_published_indicator_cannot_be_changed_in_the_admin(admin_site):
    indicator = Indicator.objects.filter(framework=default_framework()).first()
    response = admin_site.post(
        change_url(indicator, "indicator"), indicator_form(indicator, title_id="Diubah")
    )
    assert response.status_code == 403
    indicator.refresh_from_db()
    assert indicator.title_id != "Diubah"


def test_a_published_framework_cannot_be_deleted_in_the_admin(admin_site):
    framework = default_framework()
    response = admin_site.post(f"/admin/maturity/framework/{framework.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Framework.objects.filter(pk=framework.pk).exists()


def posted_form(response) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What the change page would post back unchanged: the main form, the inlines' rows and
    their management forms."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data: dict[str, object] = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is True:
                data[field.html_name] = "on"
            elif value is not None and value is not False:  # 0 is a value
                data[field.html_name] = value
    return data


def test_a_drafts_texts_are_corrected_on_its_page_with_its_rows(ministry_admin_site):
    draft = services.import_framework(text=SMALL)
    page = ministry_admin_site.get(change_url(draft))
    assert 'name="indicators-0-title_id"' in page.content.decode()
    data = posted_form(page)
    data["title_en"] = "Small test framework, revised"
    index = next(
        key for key, value in data.items() if key.endswith("-code") and value == "WAT-1"
    ).removesuffix("-code")
    data[f"{index}-title_id"] = "Meter air cerdas"
    response = ministry_admin_site.post(change_url(draft), data)
    assert response.status_code == 302
    exported = frameworks_export.export_framework(draft)
    assert "en: Small test framework, revised" in exported
    assert "id: Meter air cerdas" in exported
    assert frameworks_export.framework_problems(draft) == []


def test_a_drafts_indicator_is_corrected_in_the_admin(admin_site):
    draft = services.import_framework(text=SMALL)
    indicator = Indicator.objects.get(framework=draft, code="EDU-1")
    response = admin_site.post(
        change_url(indicator, "indicator"),
        indicator_form(indicator, title_en="Foreign-language proficiency"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    indicator.refresh_from_db()
    assert indicator.title_en == "Foreign-language proficiency"
    assert "Foreign-language proficiency" in frameworks_export.export_framework(draft)


def test_a_draft_edited_to_break_a_rule_shows_why_and_is_not_published(admin_site):
    draft = services.import_framework(text=SMALL)
    indicator = Indicator.objects.get(framework=draft, code="EDU-1")
    admin_site.post(
        change_url(indicator, "indicator"), indicator_form(indicator, thresholds="[80, 60, 40, 20]")
    )
    page = admin_site.get(change_url(draft)).content.decode()
    assert "elements[0].themes[0].indicators[0].thresholds" in page
    response = admin_site.post(f"/admin/maturity/framework/{draft.pk}/publish/", follow=True)
    assert "elements[0].themes[0].indicators[0].thresholds" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == FrameworkStatus.DRAFT


def test_people_without_the_ministry_admin_role_cannot_change_a_draft(reviewer_site):
    draft = services.import_framework(text=SMALL)
    response = reviewer_site.post(change_url(draft), {"title_id": "Diubah"})
    assert response.status_code == 403
    assert reviewer_site.get(IMPORT).status_code == 403
    assert reviewer_site.post(f"/admin/maturity/framework/{draft.pk}/publish/").status_code == 403


# --- Import and export ------------------------------------------------------------------------


def test_the_import_page_takes_a_file_and_opens_the_new_draft(ministry_admin_site):
    assert ministry_admin_site.get(IMPORT).status_code == 200
    response = ministry_admin_site.post(
        IMPORT, {"file": SimpleUploadedFile("kecil.yaml", SMALL.encode())}
    )
    framework = Framework.objects.get(code="uji", version="1.0")
    assert response.status_code == 302
    assert response["Location"] == change_url(framework)
    assert framework.status == FrameworkStatus.DRAFT


def test_the_import_page_publishes_when_asked(ministry_admin_site):
    ministry_admin_site.post(
        IMPORT, {"file": SimpleUploadedFile("kecil.yaml", SMALL.encode()), "publish": "on"}
    )
    assert Framework.objects.get(code="uji").status == FrameworkStatus.PUBLISHED


@pytest.mark.parametrize(("text", "path"), BROKEN)
def test_the_import_page_shows_every_problem_of_a_broken_file(ministry_admin_site, text, path):
    before = Framework.objects.count()
    response = ministry_admin_site.post(
        IMPORT, {"file": SimpleUploadedFile("rusak.yaml", text.encode())}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="framework-problems"' in page
    assert f"<code>{path}</code>" in page
    assert Framework.objects.count() == before


def test_the_import_page_refuses_an_existing_version(ministry_admin_site):
    services.import_framework(text=SMALL)
    response = ministry_admin_site.post(
        IMPORT, {"file": SimpleUploadedFile("kecil.yaml", SMALL.encode())}
    )
    assert response.status_code == 200
    assert "sudah ada" in response.content.decode()
    assert Framework.objects.filter(code="uji").count() == 1


def test_the_export_action_downloads_the_yaml_file(admin_site):
    framework = default_framework()
    response = admin_site.post(
        CHANGELIST, {"action": "export_selected", "_selected_action": [framework.pk]}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/yaml")
    assert (
        f'filename="{framework.code}-{framework.version}.yaml"' in response["Content-Disposition"]
    )
    assert response.content.decode() == frameworks_export.export_framework(framework)


def test_the_export_link_on_a_frameworks_page_downloads_it(admin_site):
    framework = default_framework()
    page = admin_site.get(change_url(framework)).content.decode()
    link = f"/admin/maturity/framework/{framework.pk}/export/"
    assert link in page
    assert admin_site.get(link).content.decode() == frameworks_export.export_framework(framework)


# --- Publish, retire, copy --------------------------------------------------------------------


def test_the_publish_action_publishes_drafts(ministry_admin_site):
    draft = services.import_framework(text=SMALL)
    response = ministry_admin_site.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [draft.pk]}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == FrameworkStatus.PUBLISHED


def test_the_retire_action_retires_published_versions(ministry_admin_site):
    framework = services.import_framework(text=SMALL, publish=True)
    ministry_admin_site.post(
        CHANGELIST, {"action": "retire_selected", "_selected_action": [framework.pk]}
    )
    framework.refresh_from_db()
    assert framework.status == FrameworkStatus.RETIRED


def test_the_copy_action_leads_to_a_form_that_makes_the_new_draft(ministry_admin_site):
    source = default_framework()
    response = ministry_admin_site.post(
        CHANGELIST, {"action": "copy_selected", "_selected_action": [source.pk]}
    )
    copy_page = f"/admin/maturity/framework/{source.pk}/copy/"
    assert response["Location"] == copy_page
    assert ministry_admin_site.get(copy_page).status_code == 200
    response = ministry_admin_site.post(copy_page, {"version": "2027.1"})
    copy = Framework.objects.get(code=source.code, version="2027.1")
    assert response["Location"] == change_url(copy)
    assert copy.status == FrameworkStatus.DRAFT
    assert copy.previous_version == source.version
    assert set(Indicator.objects.filter(framework=copy).values_list("continues", flat=True)) == set(
        Indicator.objects.filter(framework=source).values_list("code", flat=True)
    )


def test_the_copy_form_refuses_an_existing_version(ministry_admin_site):
    source = default_framework()
    response = ministry_admin_site.post(
        f"/admin/maturity/framework/{source.pk}/copy/", {"version": source.version}
    )
    assert response.status_code == 200
    assert "sudah ada" in response.content.decode()
    assert Framework.objects.filter(code=source.code).count() == 1


# --- The other maturity models ----------------------------------------------------------------


def test_assessments_are_listed_with_filters_and_shown_with_their_history(admin_site, cast):
    assessment = make_assessment("73.71")
    HistoryEntry.objects.create(assessment=assessment, actor=cast.csco_a, action="created")
    listing = admin_site.get("/admin/maturity/assessment/", {"status__exact": "draft"})
    assert listing.status_code == 200
    assert "Makassar" in listing.content.decode()
    page = admin_site.get(change_url(assessment, "assessment"))
    assert page.status_code == 200
    assert "created" in page.content.decode()
    assert 'name="status"' not in page.content.decode()


def test_history_entries_are_never_added_changed_or_deleted_in_the_admin(admin_site, cast):
    entry = HistoryEntry.objects.create(
        assessment=make_assessment("73.71"), actor=cast.csco_a, action="created"
    )
    assert admin_site.get("/admin/maturity/historyentry/add/").status_code == 403
    assert admin_site.post(change_url(entry, "historyentry"), {"action": "x"}).status_code == 403
    delete = f"/admin/maturity/historyentry/{entry.pk}/delete/"
    assert admin_site.post(delete, {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.action == "created"


def test_evidence_pages_never_link_to_the_file(admin_site, cast):
    assessment = make_assessment("73.71")
    evidence = Evidence(
        assessment=assessment,
        indicator=Indicator.objects.filter(framework=assessment.cycle.framework).first(),
        name="bukti.pdf",
        size=4,
        content_type="application/pdf",
        uploaded_by=cast.csco_a,
    )
    evidence.file.save("bukti.pdf", ContentFile(b"%PDF"), save=True)
    for url in ("/admin/maturity/evidence/", change_url(evidence, "evidence")):
        page = admin_site.get(url)
        assert page.status_code == 200
        content = page.content.decode()
        assert "bukti.pdf" in content
        assert evidence.file.name not in content
        assert evidence.file.url not in content


@pytest.mark.parametrize(
    "model",
    ["assessmentcycle", "answer", "review", "scoresnapshot", "programme", "theme", "indicator"],
)
def test_every_maturity_admin_list_opens(admin_site, model):
    assert admin_site.get(f"/admin/maturity/{model}/").status_code == 200
