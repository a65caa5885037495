"""Score snapshots (maturity.scores) and the scoring tasks, with tasks run eagerly.

The snapshots hold SCORING.md's figures per track; the same inputs never make a second snapshot;
the sweep finds what a lost task left unscored; a database error is retried.
"""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import InterfaceError, OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from kombu.exceptions import OperationalError as BrokerError

from maturity.assessments.models import Assessment, AssessmentStatus
from maturity.assessments.services import state
from maturity.frameworks import rules as frameworks_rules
from maturity.frameworks.models import Framework
from maturity.scores import selectors, services
from maturity.scores.models import ScoreSnapshot, ScoreTrack
from maturity.scores.tasks import score_assessment, sweep_stale_scores
from tests.maturity.scores.score_helpers import (
    WORKED_ANSWER_BODIES,
    WORKED_REVIEW_BODIES,
    WORKED_SELF,
    WORKED_VERIFIED,
    answer_all_rubric,
    by_code,
    import_large,
    import_worked_example,
    make_assessment,
    make_cycle,
    mark_changed,
    set_status,
    write_answers,
    write_reviews,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_the_default_language():
    """Each test starts in the product's default language (Indonesian), whatever language an
    earlier request in this thread activated."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


REGION_A = "73.71"
REGION_B = "35.10"


@pytest.fixture
def worked():
    """A submitted assessment of Kota Makassar answering the worked example, not yet scored."""
    cycle = make_cycle(import_worked_example())
    assessment = make_assessment(cycle, REGION_A)
    write_answers(assessment, WORKED_ANSWER_BODIES)
    return assessment


def snapshots_of(assessment: Assessment, track: str = ScoreTrack.SELF) -> list[ScoreSnapshot]:
    return list(ScoreSnapshot.objects.filter(assessment=assessment, track=track))


# --- What a snapshot holds ------------------------------------------------------------------------


def test_worked_example_snapshot_holds_every_figure_of_scoring_md(worked):
    (snapshot,) = services.refresh_snapshots(assessment_id=worked.pk)

    assert snapshot.track == ScoreTrack.SELF
    assert snapshot.provisional is False
    assert str(snapshot.index) == "3.06"
    assert snapshot.level == 3
    assert str(snapshot.completeness) == "100.0"
    assert snapshot.framework_version == f"{worked.cycle.framework.code} 1"
    track = snapshot.result["self"]
    assert track["index"] == WORKED_SELF["index"]
    assert by_code(track["elements"], "score") == WORKED_SELF["elements"]
    assert by_code(track["themes"], "score") == WORKED_SELF["themes"]
    assert by_code(track["indicators"], "level") == WORKED_SELF["indicators"]
    assert set(snapshot.result) == {"completeness", "inputs_as_of", "self"}


def test_a_draft_has_no_snapshot(worked):
    set_status(worked, AssessmentStatus.DRAFT)

    assert services.refresh_snapshots(assessment_id=worked.pk) == []
    assert not ScoreSnapshot.objects.filter(assessment=worked).exists()


def test_reviews_while_submitted_make_a_provisional_verified_snapshot(worked):
    write_reviews(worked, WORKED_REVIEW_BODIES)

    written = services.refresh_snapshots(assessment_id=worked.pk)

    verified = next(s for s in written if s.track == ScoreTrack.VERIFIED)
    assert verified.provisional is True
    assert str(verified.index) == WORKED_VERIFIED["index"]
    assert selectors.latest_snapshot(worked.pk, ScoreTrack.VERIFIED) == verified
    assert (
        selectors.latest_snapshot(worked.pk, ScoreTrack.VERIFIED, include_provisional=False) is None
    )


def test_a_comment_only_review_makes_no_verified_track(worked):
    write_reviews(worked, {"EDU-1": {"comment": "Mohon unggah SK."}})

    written = services.refresh_snapshots(assessment_id=worked.pk)

    assert [s.track for s in written] == [ScoreTrack.SELF]


def test_approval_stores_the_final_verified_track_with_its_gap(worked):
    write_reviews(worked, WORKED_REVIEW_BODIES)
    set_status(worked, AssessmentStatus.APPROVED)

    written = services.refresh_snapshots(assessment_id=worked.pk)

    verified = next(s for s in written if s.track == ScoreTrack.VERIFIED)
    assert verified.provisional is False
    track = verified.result["verified"]
    assert track["index"] == WORKED_VERIFIED["index"]
    assert by_code(track["elements"], "score") == WORKED_VERIFIED["elements"]
    assert by_code(track["themes"], "score") == WORKED_VERIFIED["themes"]
    assert by_code(track["indicators"], "level") == WORKED_VERIFIED["indicators"]
    assert verified.result["gap"]["index"] == "-0.11"


def test_approval_without_any_review_accepts_the_self_levels(worked):
    set_status(worked, AssessmentStatus.APPROVED)

    written = services.refresh_snapshots(assessment_id=worked.pk)

    verified = next(s for s in written if s.track == ScoreTrack.VERIFIED)
    assert verified.result["verified"]["index"] == "3.06"
    assert verified.result["gap"]["index"] == "0.00"


def test_a_returned_assessment_keeps_its_self_track_only(worked):
    write_reviews(worked, WORKED_REVIEW_BODIES)
    set_status(worked, AssessmentStatus.RETURNED)

    written = services.refresh_snapshots(assessment_id=worked.pk)

    assert [s.track for s in written] == [ScoreTrack.SELF]


# --- Idempotency ----------------------------------------------------------------------------------


def test_scoring_twice_without_a_change_keeps_one_snapshot(worked):
    first = services.refresh_snapshots(assessment_id=worked.pk)
    second = services.refresh_snapshots(assessment_id=worked.pk)

    assert [s.pk for s in first] == [s.pk for s in second]
    assert len(snapshots_of(worked)) == 1


def test_the_task_run_twice_keeps_one_snapshot(worked):
    score_assessment.delay(worked.pk)
    score_assessment.delay(worked.pk)

    assert len(snapshots_of(worked)) == 1


def test_a_changed_answer_makes_a_new_snapshot_that_becomes_the_latest(worked):
    services.refresh_snapshots(assessment_id=worked.pk)
    write_answers(worked, {"GOV-2": {"status": "answered", "value": True}})

    services.refresh_snapshots(assessment_id=worked.pk)

    assert len(snapshots_of(worked)) == 2
    latest = selectors.latest_snapshot(worked.pk, ScoreTrack.SELF)
    assert by_code(latest.result["self"]["indicators"], "level")["GOV-2"] == 5
    assert latest.result["self"]["index"] == "3.72"  # GOV = 4.50: (11/3 + 3 + 4.5)/3


def test_going_back_to_earlier_answers_makes_their_snapshot_the_latest_again(worked):
    (original,) = services.refresh_snapshots(assessment_id=worked.pk)
    write_answers(worked, {"GOV-2": {"status": "answered", "value": True}})
    services.refresh_snapshots(assessment_id=worked.pk)
    write_answers(worked, {"GOV-2": {"status": "answered", "value": False}})

    services.refresh_snapshots(assessment_id=worked.pk)

    assert len(snapshots_of(worked)) == 2
    assert selectors.latest_snapshot(worked.pk, ScoreTrack.SELF).pk == original.pk


def test_comments_and_sources_do_not_change_the_inputs_hash(worked):
    (before,) = services.refresh_snapshots(assessment_id=worked.pk)
    worked.answers.update(comment="Sumber: BPS 2025", source="BPS")

    (after,) = services.refresh_snapshots(assessment_id=worked.pk)

    assert after.pk == before.pk
    assert after.inputs_hash == before.inputs_hash


def test_an_equal_decimal_written_differently_keeps_the_hash(worked):
    (before,) = services.refresh_snapshots(assessment_id=worked.pk)
    write_answers(worked, {"EDU-1": {"status": "answered", "value": "65.000"}})

    (after,) = services.refresh_snapshots(assessment_id=worked.pk)

    assert after.pk == before.pk


# --- Rules and query counts -----------------------------------------------------------------------


def test_rules_of_a_published_framework_are_read_once_per_process(worked):
    framework = worked.cycle.framework
    frameworks_rules.clear_rules_cache()
    with CaptureQueriesContext(connection) as first:
        rules = frameworks_rules.rules_for_framework(framework)
    with CaptureQueriesContext(connection) as again:
        assert frameworks_rules.rules_for_framework(Framework.objects.get(pk=framework.pk)) is rules

    assert len(first) == 3
    assert len(again) == 1  # the Framework.objects.get above, nothing for the rules
    assert [i.code for i in rules.indicators][:2] == ["EDU-1", "EDU-2"]


def test_rules_of_a_draft_framework_are_read_afresh_every_time(worked):
    framework = worked.cycle.framework
    Framework.objects.filter(pk=framework.pk).update(status="draft")
    framework.refresh_from_db()

    assert frameworks_rules.rules_for_framework(
        framework
    ) is not frameworks_rules.rules_for_framework(framework)


def refresh_query_count(assessment: Assessment) -> int:
    with CaptureQueriesContext(connection) as queries:
        services.refresh_snapshots(assessment_id=assessment.pk)
    return len(queries)


def test_refresh_snapshots_takes_the_same_few_queries_whatever_the_size():
    small = make_assessment(make_cycle(import_large(themes=1, indicators_per_theme=2)), REGION_A)
    large = make_assessment(make_cycle(import_large(themes=6, indicators_per_theme=8)), REGION_A)
    for assessment in (small, large):
        answer_all_rubric(assessment, level=3)
        first = assessment.answers.order_by("pk").first().indicator.code
        write_reviews(assessment, {first: {"verified_level": 1}})
        set_status(assessment, AssessmentStatus.APPROVED)
    frameworks_rules.clear_rules_cache()

    cold = [refresh_query_count(small), refresh_query_count(large)]
    for assessment in (small, large):
        assessment.answers.update(value_level=4)
    warm = [refresh_query_count(small), refresh_query_count(large)]

    assert cold[0] == cold[1] <= 10
    assert warm[0] == warm[1] < cold[0]
    assert ScoreSnapshot.objects.filter(assessment=large).count() == 4  # 2 tracks × 2 inputs
    assert large.answers.count() == 3 * 6 * 8


# --- Freshness and the sweep ----------------------------------------------------------------------


def changed_minutes_ago(assessment: Assessment, minutes: int) -> None:
    Assessment.objects.filter(pk=assessment.pk).update(
        inputs_changed_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )


def test_a_snapshot_is_current_until_the_inputs_change_again(worked):
    services.refresh_snapshots(assessment_id=worked.pk)
    worked.refresh_from_db()
    assert worked.pk not in services.stale_assessment_ids()

    mark_changed(worked)

    assert services.stale_assessment_ids() == [worked.pk]


def test_a_change_committed_while_a_worker_read_is_not_taken_as_scored(worked):
    """The worker reads the mark first; a change whose mark predates the write but postdates the
    read (its transaction committed in between) must still count as unscored."""
    read_mark = worked.inputs_changed_at
    services.refresh_snapshots(assessment_id=worked.pk)
    snapshot = selectors.latest_snapshot(worked.pk, ScoreTrack.SELF)
    between = read_mark + (snapshot.computed_at - read_mark) / 2
    Assessment.objects.filter(pk=worked.pk).update(inputs_changed_at=between)

    assert snapshot.computed_at > between
    assert services.stale_assessment_ids() == [worked.pk]


def test_the_sweep_scores_an_assessment_that_has_no_snapshot(worked):
    changed_minutes_ago(worked, 2)

    assert sweep_stale_scores.delay().get() == 1

    assert str(selectors.latest_snapshot(worked.pk, ScoreTrack.SELF).index) == "3.06"


def test_the_sweep_rescored_a_stale_snapshot_whose_task_was_lost(worked):
    changed_minutes_ago(worked, 10)
    services.refresh_snapshots(assessment_id=worked.pk)
    write_answers(worked, {"GOV-2": {"status": "answered", "value": True}})
    changed_minutes_ago(worked, 5)  # and its task never arrived
    assert services.stale_assessment_ids() == [worked.pk]

    assert sweep_stale_scores.delay().get() == 1

    assert services.stale_assessment_ids() == []
    assert str(selectors.latest_snapshot(worked.pk, ScoreTrack.SELF).index) == "3.72"


def test_the_sweep_leaves_fresh_changes_and_drafts_alone(worked):
    services.refresh_snapshots(assessment_id=worked.pk)
    mark_changed(worked)  # just now: its task is on its way
    make_assessment(worked.cycle, REGION_B)  # submitted just now, not scored yet
    draft = make_assessment(worked.cycle, "35.11", status=AssessmentStatus.DRAFT)
    changed_minutes_ago(draft, 2)

    assert sweep_stale_scores.delay().get() == 0


def broker_down(*args, **kwargs):
    """What sending a task does while Redis is unreachable."""
    raise BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def test_a_broker_outage_delays_scoring_but_the_sweep_loses_none(
    worked, monkeypatch, django_capture_on_commit_callbacks
):
    with monkeypatch.context() as patch:
        patch.setattr(score_assessment, "apply_async", broker_down)
        with django_capture_on_commit_callbacks(execute=True):
            state.schedule_scoring(assessment_id=worked.pk)
    assert not ScoreSnapshot.objects.filter(assessment=worked).exists()
    changed_minutes_ago(worked, 2)

    sweep_stale_scores.delay()

    assert str(selectors.latest_snapshot(worked.pk, ScoreTrack.SELF).index) == "3.06"


# --- The task -------------------------------------------------------------------------------------


class LostConnectionOnAnswers:
    """A database execute wrapper (Django's documented hook) that makes the first ``failures``
    reads of answers fail as a dropped database connection does."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.attempts = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        if sql.lstrip().upper().startswith("SELECT") and 'FROM "maturity_answer"' in sql:
            self.attempts += 1
            if self.attempts <= self.failures:
                raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)


@pytest.fixture
def eager_like_a_worker():
    """Eager tasks that, like a worker, keep a failure in the result instead of raising it here,
    so that Celery's retries run their course (eager retries run at once, without the countdown)."""
    from config.celery_app import app

    previous = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = previous


def test_a_task_that_hits_a_database_error_retries_and_then_scores(worked, eager_like_a_worker):
    failing = LostConnectionOnAnswers(failures=2)

    with connection.execute_wrapper(failing):
        result = score_assessment.delay(worked.pk)

    assert result.successful()
    assert failing.attempts == 3
    assert len(snapshots_of(worked)) == 1


def test_a_task_gives_up_after_five_retries(worked, eager_like_a_worker):
    failing = LostConnectionOnAnswers(failures=100)

    with connection.execute_wrapper(failing):
        result = score_assessment.delay(worked.pk)

    assert result.failed()
    assert isinstance(result.result, OperationalError)
    assert failing.attempts == 6
    assert not ScoreSnapshot.objects.filter(assessment=worked).exists()


def test_the_scoring_task_is_acknowledged_late_and_retries_database_errors_only():
    assert score_assessment.acks_late is True
    assert score_assessment.max_retries == 5
    assert set(score_assessment.autoretry_for) == {OperationalError, InterfaceError}


def test_a_task_for_a_deleted_assessment_does_nothing(worked):
    missing = worked.pk
    worked.delete()

    assert score_assessment.delay(missing).get() == 0


def test_submit_enqueues_scoring_on_commit(worked, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        state.schedule_scoring(assessment_id=worked.pk)
    assert not ScoreSnapshot.objects.filter(assessment=worked).exists()

    for callback in callbacks:
        callback()

    assert selectors.latest_snapshot(worked.pk, ScoreTrack.SELF) is not None


# --- Cycle-wide rescoring -------------------------------------------------------------------------


def test_score_cycle_rescoring_every_assessment_shows_progress_and_finishes(worked):
    other = make_assessment(worked.cycle, REGION_B)
    write_answers(other, WORKED_ANSWER_BODIES)
    services.refresh_snapshots(assessment_id=worked.pk)
    out = StringIO()

    with translation.override("en"):
        call_command("score_cycle", worked.cycle.name, "--force", stdout=out)

    text = out.getvalue()
    assert "2/2" in text
    assert "[##############################]" in text
    assert "Done: 2 assessments" in text
    assert len(snapshots_of(worked)) == 1
    assert len(snapshots_of(other)) == 1


def test_score_cycle_without_force_sends_only_stale_assessments(worked):
    services.refresh_snapshots(assessment_id=worked.pk)
    other = make_assessment(worked.cycle, REGION_B)
    write_answers(other, WORKED_ANSWER_BODIES)
    out = StringIO()

    call_command("score_cycle", str(worked.cycle.pk), stdout=out)

    assert "1 penilaian dikirim ke worker" in out.getvalue()
    assert len(snapshots_of(other)) == 1


def test_score_cycle_says_so_when_nothing_needs_rescoring(worked):
    services.refresh_snapshots(assessment_id=worked.pk)
    out = StringIO()

    call_command("score_cycle", worked.cycle.name, stdout=out)
    with translation.override("en"):
        call_command("score_cycle", worked.cycle.name, stdout=out)

    assert "tidak ada yang perlu dihitung ulang (--force untuk semua)" in out.getvalue()
    assert "nothing to rescore (--force for all)" in out.getvalue()


def test_score_cycle_times_out_with_a_clear_message_when_nothing_is_done(worked, monkeypatch):
    monkeypatch.setattr(score_assessment, "apply_async", broker_down)

    with (
        translation.override("en"),
        pytest.raises(CommandError, match=r"Timed out after 0.2 s: 0 of 1 done"),
    ):
        call_command(
            "score_cycle",
            worked.cycle.name,
            "--timeout",
            "0.2",
            "--interval",
            "0.05",
            stdout=StringIO(),
        )


def test_score_cycle_names_an_unknown_cycle():
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("score_cycle", "tidak-ada", stdout=StringIO())
    with translation.override("en"), pytest.raises(CommandError, match="not found"):
        call_command("score_cycle", "tidak-ada", stdout=StringIO())


def test_the_cycle_admin_action_rescores_every_assessment_of_the_cycle(admin_client, worked):
    other = make_assessment(worked.cycle, REGION_B)
    write_answers(other, WORKED_ANSWER_BODIES)

    response = admin_client.post(
        "/admin/maturity/assessmentcycle/",
        {"action": "rescore_selected", "_selected_action": [worked.cycle.pk]},
        follow=True,
    )
    in_english = admin_client.post(
        "/admin/maturity/assessmentcycle/",
        {"action": "rescore_selected", "_selected_action": [worked.cycle.pk]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "2 penilaian dikirim ke worker untuk dihitung ulang" in response.content.decode()
    assert "2 assessments sent to the workers for rescoring" in in_english.content.decode()
    assert services.stale_assessment_ids(cycle_id=worked.cycle.pk) == []


# --- The daily reminder task ----------------------------------------------------------------------


def test_the_daily_reminder_task_reminds_regions_a_week_before_their_deadline(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    from maturity.assessments.tasks import send_deadline_reminders

    cycle = make_cycle(import_worked_example())
    cycle.closes_on = timezone.localdate() + datetime.timedelta(days=7)
    cycle.save()
    make_assessment(cycle, REGION_A, status=AssessmentStatus.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        reminded = send_deadline_reminders.delay().get()
    again = send_deadline_reminders.delay().get()

    assert reminded == 1
    assert again == 0
    assert cast.csco_a.email in {to for message in mailoutbox for to in message.to}
