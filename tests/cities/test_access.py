"""The access policy itself (cities/access.py): who reads which regions, who may do what.

The HTTP-level matrix (tests/test_access_matrix.py) checks that every endpoint applies it; here
the rules are checked directly, role by role, with the combinations that are easy to get wrong.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User

from cities import access
from cities.models import Membership, Region, Role
from tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db

A, B = "73.71", "35.10"  # Kota Makassar (Sulawesi Selatan), Kabupaten Banyuwangi (Jawa Timur)
GOWA = "73.06"  # another kabupaten in Sulawesi Selatan

REGION_ACTIONS = (access.REGION_EDIT, access.REGION_SUBMIT, access.REGION_CREATE_ASSESSMENT)
ADMIN_ACTIONS = (
    access.REOPEN,
    access.EXTEND_DEADLINE,
    access.MANAGE_FRAMEWORKS,
    access.MANAGE_CYCLES,
    access.MANAGE_USERS,
)


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def readable_codes(user: User | AnonymousUser) -> set[str]:
    return set(access.readable_regions(user).values_list("code", flat=True))


def scoped_codes(user: User | AnonymousUser, *codes: str) -> set[str]:
    """Scope applied the way views apply it: to a queryset of objects that point at a region."""
    memberships = Membership.objects.filter(region__code__in=codes)
    return set(access.scope(user, memberships).values_list("region__code", flat=True))


@pytest.fixture
def somebody_in_every_region_of_interest(db):
    # Objects (memberships) in A, B and Gowa for scope() to narrow.
    for code in (A, B, GOWA):
        member(f"staff-{code}", Role.CONTRIBUTOR, code)


# --- Reading ------------------------------------------------------------------------------------


def test_csco_reads_only_their_own_region(cast):
    assert readable_codes(cast.csco_a) == {A}
    assert access.may_read_region(cast.csco_a, region(A))
    assert not access.may_read_region(cast.csco_a, region(B))


def test_contributor_reads_only_their_own_region(cast):
    assert readable_codes(cast.contributor_a) == {A}
    assert not access.may_read_region(cast.contributor_a, region(B))


@pytest.mark.parametrize("role", ["reviewer", "admin", "observer"])
def test_ministry_roles_read_every_region(cast, role):
    user = getattr(cast, role)
    assert access.region_q(user) is None
    assert readable_codes(user) == set(Region.objects.values_list("code", flat=True))


def test_scope_narrows_objects_to_the_csco_region(cast, somebody_in_every_region_of_interest):
    assert scoped_codes(cast.csco_a, A, B, GOWA) == {A}
    assert scoped_codes(cast.csco_b, A, B, GOWA) == {B}
    assert scoped_codes(cast.reviewer, A, B, GOWA) == {A, B, GOWA}


def test_scope_follows_a_longer_path_to_the_region(cast, somebody_in_every_region_of_interest):
    users = User.objects.filter(username__startswith="staff-")
    visible = access.scope(cast.csco_a, users, prefix="memberships__region")
    assert list(visible.values_list("username", flat=True)) == [f"staff-{A}"]


def test_a_reviewer_limited_to_provinces_reads_only_those_provinces(
    somebody_in_every_region_of_interest,
):
    reviewer = member("reviewer-sulsel", Role.REVIEWER, provinces=["73"])

    assert access.may_read_region(reviewer, region(A))
    assert access.may_read_region(reviewer, region(GOWA))
    assert access.may_read_region(reviewer, region("73"))  # the province itself
    assert not access.may_read_region(reviewer, region(B))
    assert scoped_codes(reviewer, A, B, GOWA) == {A, GOWA}
    assert readable_codes(reviewer) == set(
        Region.objects.filter(province_code="73").values_list("code", flat=True)
    )


def test_a_reviewer_limited_to_provinces_reviews_only_there():
    reviewer = member("reviewer-sulsel", Role.REVIEWER, provinces=["73"])

    assert access.can(reviewer, access.REVIEW, region(A))
    assert not access.can(reviewer, access.REVIEW, region(B))


def test_an_observer_limited_to_provinces_reads_only_those_provinces():
    observer = member("observer-jatim", Role.OBSERVER, provinces=["35"])

    assert access.may_read_region(observer, region(B))
    assert not access.may_read_region(observer, region(A))


def test_several_memberships_add_up(somebody_in_every_region_of_interest):
    person = member("two-hats", Role.CSCO, A)
    member("two-hats", Role.CONTRIBUTOR, B)

    assert readable_codes(person) == {A, B}
    assert scoped_codes(person, A, B, GOWA) == {A, B}
    assert access.can(person, access.REGION_SUBMIT, region(A))
    assert not access.can(person, access.REGION_SUBMIT, region(B))  # only a contributor there
    assert access.can(person, access.REGION_EDIT, region(B))


def test_a_region_role_and_a_limited_reviewer_role_add_up(somebody_in_every_region_of_interest):
    person = member("csco-and-reviewer", Role.CSCO, B)
    member("csco-and-reviewer", Role.REVIEWER, provinces=["73"])

    assert scoped_codes(person, A, B, GOWA) == {A, B, GOWA}
    assert access.can(person, access.REVIEW, region(A))
    assert not access.can(person, access.REVIEW, region(B))  # their own region: not a reviewer
    assert access.can(person, access.REGION_EDIT, region(B))
    assert not access.can(person, access.REGION_EDIT, region(A))


def test_an_unlimited_observer_role_does_not_widen_a_limited_reviewer_role():
    person = member("observer-and-reviewer", Role.OBSERVER)
    member("observer-and-reviewer", Role.REVIEWER, provinces=["73"])

    assert access.may_read_region(person, region(B))
    assert not access.can(person, access.REVIEW, region(B))


def test_a_person_without_memberships_reads_nothing(somebody_in_every_region_of_interest):
    nobody = UserFactory(username="nobody")

    assert readable_codes(nobody) == set()
    assert scoped_codes(nobody, A, B, GOWA) == set()
    assert not access.can(nobody, access.READ_NATIONAL)


def test_an_anonymous_visitor_reads_nothing_and_may_do_nothing(
    somebody_in_every_region_of_interest,
):
    anon = AnonymousUser()

    assert readable_codes(anon) == set()
    assert scoped_codes(anon, A, B, GOWA) == set()
    assert not access.can(anon, access.REGION_EDIT, region(A))
    assert not access.can(anon, access.READ_NATIONAL)


def test_a_superuser_reads_everything_and_may_do_everything(
    somebody_in_every_region_of_interest,
):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)

    assert scoped_codes(root, A, B, GOWA) == {A, B, GOWA}
    assert access.is_ministry(root)
    assert Role.ADMIN in access.roles(root)
    for action in access.ACTIONS:
        assert access.can(root, action, region(B)), action


def test_a_deactivated_superuser_reads_nothing(somebody_in_every_region_of_interest):
    root = UserFactory(username="root", is_superuser=True, is_active=False)

    assert scoped_codes(root, A, B, GOWA) == set()
    assert not access.can(root, access.MANAGE_USERS)


def test_a_deactivated_csco_reads_nothing(cast):
    cast.csco_a.is_active = False

    assert readable_codes(cast.csco_a) == set()
    assert not access.can(cast.csco_a, access.REGION_EDIT, region(A))


# --- Actions ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("csco_a", {access.REGION_EDIT, access.REGION_SUBMIT, access.REGION_CREATE_ASSESSMENT}),
        ("contributor_a", {access.REGION_EDIT}),
        ("csco_b", set()),
        ("reviewer", {access.REVIEW}),
        ("admin", {access.REGION_CREATE_ASSESSMENT, *ADMIN_ACTIONS}),
        ("observer", set()),
    ],
)
def test_each_role_may_take_exactly_its_actions_on_region_a(cast, role, allowed):
    user = getattr(cast, role)
    actions = (*REGION_ACTIONS, access.REVIEW, *ADMIN_ACTIONS)

    granted = {action for action in actions if access.can(user, action, region(A))}

    assert granted == allowed


@pytest.mark.parametrize(
    ("role", "national"),
    [
        ("csco_a", False),
        ("contributor_a", False),
        ("csco_b", False),
        ("reviewer", True),
        ("admin", True),
        ("observer", True),
    ],
)
def test_only_ministry_roles_read_national_results(cast, role, national):
    assert access.can(getattr(cast, role), access.READ_NATIONAL) is national


def test_a_csco_may_not_act_in_another_region(cast):
    for action in REGION_ACTIONS:
        assert not access.can(cast.csco_b, action, region(A)), action


def test_an_unknown_action_is_a_programming_error_even_for_a_superuser(cast):
    root = UserFactory(username="root", is_superuser=True)

    with pytest.raises(ValueError, match="unknown action"):
        access.can(root, "region.edti", region(A))
    with pytest.raises(ValueError, match="unknown action"):
        access.can(cast.csco_b, "region.edti", region(A))


def test_memberships_are_read_once_per_user_object(cast, django_assert_num_queries):
    makassar = region(A)
    with django_assert_num_queries(1):
        for _ in range(5):
            assert access.can(cast.csco_a, access.REGION_EDIT, makassar)
            access.region_q(cast.csco_a)


def test_the_memberships_read_in_sql_equal_what_the_orm_reads(cast):
    limited = member("pengamat-terbatas", Role.OBSERVER, provinces=["73", "35"])
    Membership.objects.create(user=limited, role=Role.CSCO, region=region(B))
    people = [cast.csco_a, cast.contributor_a, cast.reviewer, cast.admin, cast.observer, limited]
    for person in people:
        expected = {
            access.Grant(
                role=m.role,
                region_id=m.region_id,
                region_code=m.region.code if m.region else None,
                province_code=m.region.province_code if m.region else None,
                provinces=tuple(m.provinces),
            )
            for m in Membership.objects.filter(user=person).select_related("region")
        }
        access.forget(person)
        assert set(access.grants(person)) == expected, person.username
    access.forget(limited)
    assert {g.provinces for g in access.grants(limited)} == {("73", "35"), ()}


def test_adding_a_membership_through_the_service_is_seen_at_once(cast):
    from cities.services import MembershipInput, add_membership

    assert not access.may_read_region(cast.csco_a, region(B))

    add_membership(
        user=cast.csco_a, membership=MembershipInput(role=Role.CONTRIBUTOR, region_code=B)
    )

    assert access.may_read_region(cast.csco_a, region(B))


# --- Notification helpers -------------------------------------------------------------------------


def test_reviewers_in_scope_are_those_assigned_the_region_and_active(cast):
    sulsel = member("reviewer-sulsel", Role.REVIEWER, provinces=["73"])
    jatim = member("reviewer-jatim", Role.REVIEWER, provinces=["35"])
    gone = member("reviewer-gone", Role.REVIEWER)
    gone.is_active = False
    gone.save()

    found = {u.username for u in access.reviewers_in_scope(region(A))}

    assert found == {cast.reviewer.username, sulsel.username}
    assert jatim.username not in found


def test_region_members_are_the_people_with_the_wanted_roles_there(cast):
    found = access.region_members(region(A), [Role.CSCO])
    assert [u.username for u in found] == [cast.csco_a.username]
