"""The admin site for regions, people and memberships."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from cities.models import Membership, Region, Role
from cities.services import MembershipInput, create_member
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Benteng-Rotterdam-1545"


@pytest.fixture
def ministry_admin(db):
    """A ministry admin made the way accounts are made (not a superuser)."""
    return create_member(
        username="admin.kemendagri",
        password=PASSWORD,
        memberships=[MembershipInput(role=Role.ADMIN)],
    )


@pytest.fixture
def root(db):
    return User.objects.create_superuser("root", "root@example.go.id", PASSWORD)


def browser_for(user: User) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def new_person(memberships: list[dict[str, str]], username: str = "staf.bappeda") -> dict:
    data = {
        "username": username,
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "usable_password": "true",
        "memberships-TOTAL_FORMS": str(len(memberships)),
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "_save": "Simpan",
    }
    for index, membership in enumerate(memberships):
        for field in ("role", "region", "provinces"):
            data[f"memberships-{index}-{field}"] = membership.get(field, "")
    return data


def makassar_pk() -> str:
    return str(Region.objects.get(code="73.71").pk)


# --- Regions ------------------------------------------------------------------------------------


def test_regions_are_searchable_in_the_admin(root):
    response = browser_for(root).get("/admin/cities/region/", {"q": "makassar"})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    assert "Kota Makassar" in response.content.decode()


def test_regions_cannot_be_added_or_deleted_in_the_admin(root):
    browser = browser_for(root)
    makassar = Region.objects.get(code="73.71")

    assert browser.get("/admin/cities/region/add/").status_code == 403
    assert browser.get(f"/admin/cities/region/{makassar.pk}/delete/").status_code == 403


def test_a_region_code_is_read_only_in_the_admin(root):
    makassar = Region.objects.get(code="73.71")

    form = (
        browser_for(root)
        .get(f"/admin/cities/region/{makassar.pk}/change/")
        .context["adminform"]
        .form
    )

    assert "code" not in form.fields
    assert "name" in form.fields


# --- People with memberships inline ---------------------------------------------------------------


def test_a_ministry_admin_adds_a_person_with_a_membership_in_the_admin(ministry_admin):
    response = browser_for(ministry_admin).post(
        "/admin/auth/user/add/", new_person([{"role": "contributor", "region": makassar_pk()}])
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    person = User.objects.get(username="staf.bappeda")
    assert [(m.role, m.region.code) for m in person.memberships.all()] == [("contributor", "73.71")]


def test_the_admin_refuses_a_region_role_without_a_region_and_creates_nobody(ministry_admin):
    people = User.objects.count()

    response = browser_for(ministry_admin).post(
        "/admin/auth/user/add/", new_person([{"role": "csco"}])
    )

    assert response.status_code == 200
    assert "memerlukan kode wilayah" in response.content.decode()
    assert User.objects.count() == people


def test_the_admin_refuses_a_region_for_a_ministry_role(ministry_admin):
    response = browser_for(ministry_admin).post(
        "/admin/auth/user/add/", new_person([{"role": "reviewer", "region": makassar_pk()}])
    )

    assert response.status_code == 200
    assert "tidak memiliki wilayah" in response.content.decode()
    assert not User.objects.filter(username="staf.bappeda").exists()


def test_the_admin_refuses_the_same_role_twice(ministry_admin):
    response = browser_for(ministry_admin).post(
        "/admin/auth/user/add/", new_person([{"role": "observer"}, {"role": "observer"}])
    )

    assert response.status_code == 200
    assert "sudah memegang peran ini" in response.content.decode()
    assert not User.objects.filter(username="staf.bappeda").exists()


def test_a_reviewer_is_limited_to_provinces_typed_with_commas(ministry_admin):
    browser_for(ministry_admin).post(
        "/admin/auth/user/add/", new_person([{"role": "reviewer", "provinces": "73, 74"}])
    )

    membership = Membership.objects.get(user__username="staf.bappeda")
    assert membership.provinces == ["73", "74"]


def test_an_unknown_province_is_refused(ministry_admin):
    response = browser_for(ministry_admin).post(
        "/admin/auth/user/add/", new_person([{"role": "reviewer", "provinces": "73, 99"}])
    )

    assert response.status_code == 200
    assert "99" in response.content.decode()
    assert not User.objects.filter(username="staf.bappeda").exists()


def test_making_someone_a_ministry_admin_in_the_admin_lets_them_in(ministry_admin):
    browser_for(ministry_admin).post("/admin/auth/user/add/", new_person([{"role": "admin"}]))

    assert User.objects.get(username="staf.bappeda").is_staff


def problems_on_the_page(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Every message the person sees: the account's fields, and each membership's by row."""
    found = {f: [str(m) for m in ms] for f, ms in response.context["adminform"].form.errors.items()}
    (memberships,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "memberships"
    ]
    for index, errors in enumerate(memberships.errors):
        for field, messages in errors.items():
            found[f"memberships[{index}].{field}"] = [str(m) for m in messages]
    if memberships.non_form_errors():
        found["memberships"] = [str(m) for m in memberships.non_form_errors()]
    return found


def test_a_taken_username_a_weak_password_and_no_membership_are_named_together(
    ministry_admin, cast
):
    data = new_person([], username="csco_a")
    data["password1"] = data["password2"] = "12345"
    people = User.objects.count()

    response = browser_for(ministry_admin).post("/admin/auth/user/add/", data)

    assert response.status_code == 200
    problems = problems_on_the_page(response)
    assert set(problems) == {"username", "password2", "memberships"}
    assert problems["memberships"] == ["Minimal satu keanggotaan."]
    assert User.objects.count() == people


def test_an_unknown_region_and_a_role_needing_a_region_are_named_with_the_account(
    ministry_admin, cast
):
    data = new_person([{"role": "csco"}, {"role": "contributor", "region": "999999"}], "csco_a")
    data["password1"] = data["password2"] = "12345"

    response = browser_for(ministry_admin).post("/admin/auth/user/add/", data)

    problems = problems_on_the_page(response)
    assert set(problems) == {
        "username",
        "password2",
        "memberships[0].region",
        "memberships[1].region",
    }
    assert problems["memberships[0].region"] == ["peran csco memerlukan kode wilayah"]
    # The unknown region is named once, not also as missing.
    assert len(problems["memberships[1].region"]) == 1
    assert "memerlukan" not in problems["memberships[1].region"][0]
    assert not Membership.objects.filter(role="contributor", region=None).exists()


def change_form(user: User, memberships: list[dict[str, str]], **fields: str) -> dict:
    data = {
        "username": user.username,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": user.date_joined.strftime("%d/%m/%Y"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "memberships-TOTAL_FORMS": str(len(memberships)),
        "memberships-INITIAL_FORMS": str(sum(1 for m in memberships if m.get("id"))),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "_save": "Simpan",
        **fields,
    }
    for index, membership in enumerate(memberships):
        for field in ("id", "role", "region", "provinces", "DELETE"):
            if field in membership:
                data[f"memberships-{index}-{field}"] = membership[field]
        data[f"memberships-{index}-user"] = str(user.pk)
    return data


def test_editing_a_person_names_a_taken_username_and_no_membership_left_together(
    ministry_admin, cast
):
    held = cast.contributor_a.memberships.get()
    data = change_form(
        cast.contributor_a,
        [{"id": str(held.pk), "role": held.role, "region": str(held.region_id), "DELETE": "on"}],
        username="csco_a",
    )

    response = browser_for(ministry_admin).post(
        f"/admin/auth/user/{cast.contributor_a.pk}/change/", data
    )

    assert response.status_code == 200
    assert set(problems_on_the_page(response)) == {"username", "memberships"}
    cast.contributor_a.refresh_from_db()
    assert cast.contributor_a.username == "contributor_a"
    assert cast.contributor_a.memberships.exists()


def test_editing_a_person_keeps_their_membership_and_saves(ministry_admin, cast):
    held = cast.contributor_a.memberships.get()
    data = change_form(
        cast.contributor_a,
        [{"id": str(held.pk), "role": held.role, "region": str(held.region_id)}],
        first_name="Andi",
    )

    response = browser_for(ministry_admin).post(
        f"/admin/auth/user/{cast.contributor_a.pk}/change/", data
    )

    assert response.status_code == 302, problems_on_the_page(response)
    cast.contributor_a.refresh_from_db()
    assert cast.contributor_a.first_name == "Andi"


# --- Membership admin -----------------------------------------------------------------------------


def test_the_membership_admin_refuses_a_region_role_without_a_region(ministry_admin, cast):
    response = browser_for(ministry_admin).post(
        "/admin/cities/membership/add/",
        {"user": cast.observer.pk, "role": "csco", "region": "", "provinces": ""},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["region"]
    assert not Membership.objects.filter(user=cast.observer, role="csco").exists()


def test_the_membership_admin_refuses_a_role_the_person_already_holds(ministry_admin, cast):
    response = browser_for(ministry_admin).post(
        "/admin/cities/membership/add/",
        {"user": cast.reviewer.pk, "role": "reviewer", "region": "", "provinces": ""},
    )

    assert response.status_code == 200
    assert "sudah memegang" in response.context["adminform"].form.errors["role"][0]
    assert Membership.objects.filter(user=cast.reviewer, role="reviewer").count() == 1


def test_the_membership_admin_gives_a_role_in_a_region(ministry_admin, cast):
    response = browser_for(ministry_admin).post(
        "/admin/cities/membership/add/",
        {"user": cast.csco_b.pk, "role": "contributor", "region": makassar_pk(), "provinces": ""},
    )

    assert response.status_code == 302
    assert Membership.objects.filter(user=cast.csco_b, role="contributor", region__code="73.71")


# --- Who may use the people admin -----------------------------------------------------------------


def test_a_ministry_admin_sees_people_but_not_superusers(ministry_admin, root, cast):
    response = browser_for(ministry_admin).get("/admin/auth/user/")

    assert response.status_code == 200
    listed = {user.username for user in response.context["cl"].result_list}
    assert "csco_a" in listed
    assert "root" not in listed
    assert browser_for(ministry_admin).get(f"/admin/auth/user/{root.pk}/password/").status_code in (
        302,
        404,
    )
    root.refresh_from_db()
    assert root.check_password(PASSWORD)


def test_a_ministry_admin_cannot_make_anyone_a_superuser(ministry_admin, cast):
    form = (
        browser_for(ministry_admin)
        .get(f"/admin/auth/user/{cast.csco_a.pk}/change/")
        .context["adminform"]
        .form
    )

    assert "is_superuser" not in form.fields
    assert "user_permissions" not in form.fields
    assert "groups" not in form.fields


@pytest.mark.parametrize("role", ["csco_a", "reviewer", "observer"])
def test_staff_without_the_admin_role_cannot_manage_people(cast, role):
    person = getattr(cast, role)
    person.is_staff = True
    person.save()
    browser = browser_for(person)

    assert browser.get("/admin/auth/user/").status_code == 403
    assert browser.get("/admin/cities/membership/").status_code == 403


def test_the_people_admin_needs_staff_status(cast):
    response = browser_for(cast.csco_a).get("/admin/auth/user/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
