"""The pure assessment of a request: its impact on the record's flags and the advisories,
and the credit arithmetic they rest on."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from domain.change_requests.assessment import (
    AdvisoryCode,
    Facts,
    StatusImpact,
    advisories,
    impact,
)
from domain.change_requests.assessment import assess as assess_request
from domain.change_requests.model import (
    Actor,
    Attachment,
    ChangeRequest,
    EventKind,
    InsertCreditsReason,
    RequestEvent,
    RequestStatus,
)
from domain.fiscal import adjustment_window_open
from domain.models import (
    Course,
    CourseCredit,
    CourseKind,
    CreditInsertion,
    FiscalYearDates,
    ParticipantRecord,
    Program,
    Role,
    StatusFlags,
    Student,
)
from domain.status import add_credits, compute_flags
from tests.sample import MATEO

NOW = datetime(2026, 11, 28, 19, 0, tzinfo=UTC)
C1, C2, C3, CI = "12050010", "12050020", "12050030", "12050090"
CULINARY = Program(
    program_number="12.0500",
    name="Culinary Arts",
    courses=[
        Course(course_number=C1, name="Culinary Arts I", kind=CourseKind.STANDARD, required=True),
        Course(course_number=C2, name="Culinary Arts II", kind=CourseKind.STANDARD, required=True),
        Course(
            course_number=C3,
            name="Advanced Culinary Arts",
            kind=CourseKind.STANDARD,
            required=False,
        ),
        Course(
            course_number=CI,
            name="Culinary Arts Internship",
            kind=CourseKind.INTERNSHIP,
            required=False,
        ),
    ],
)
STUDENT = Student(suid=MATEO, first_name="Mateo", last_name="Valenzuela")
GRADUATED = STUDENT.model_copy(update={"exited_on": date(2026, 5, 28)})
REQUEST_ID = "65a000000000000000000001"

ALL = set(AdvisoryCode)
CONCENTRATOR = StatusFlags(participant=True, concentrator=True)
COMPLETER_ONLY = StatusFlags(participant=True, completer=True)


def credit(course_number: str, reported: str, *inserted: tuple[str, str]) -> CourseCredit:
    return CourseCredit(
        course_number=course_number,
        reported_credits=Decimal(reported),
        insertions=tuple(
            CreditInsertion(change_request_id=rid, credits=Decimal(amount), approved_at=NOW)
            for rid, amount in inserted
        ),
    )


def record(
    *courses: CourseCredit, student: Student = STUDENT, applied: tuple[str, ...] = ()
) -> ParticipantRecord:
    return ParticipantRecord(
        id="65b000000000000000000001",
        suid=student.suid,
        school_entity_id=79012,
        lea_entity_id=4235,
        fiscal_year=2026,
        program_number=CULINARY.program_number,
        courses=courses,
        status=compute_flags(CULINARY, courses, student, 2026),
        version=3,
        updated_at=NOW,
        applied_request_ids=applied,
    )


def request(course_number: str = C1, credits: str = "0.5", **changes) -> ChangeRequest:
    actor = Actor(id="lea-mesa", name="Mesa Coordinator", role=Role.LEA_USER)
    base = ChangeRequest(
        id=REQUEST_ID,
        status=RequestStatus.PENDING_REVIEW,
        version=1,
        suid=STUDENT.suid,
        school_entity_id=79012,
        lea_entity_id=4235,
        fiscal_year=2026,
        program_number=CULINARY.program_number,
        course_number=course_number,
        credits=Decimal(credits),
        grade_level=11,
        reason=InsertCreditsReason.OUT_OF_STATE_TRANSFER,
        justification="Transcript.",
        submitted_by=actor,
        submitted_at=NOW,
        updated_at=NOW,
    )
    return base.model_copy(update=changes)


def event(kind: EventKind, changed: tuple[str, ...] = ()) -> RequestEvent:
    staff = kind is EventKind.MORE_INFORMATION_REQUESTED
    actor = Actor(id="a", name="A", role=Role.REVIEWER if staff else Role.LEA_USER)
    target = RequestStatus.MORE_INFORMATION_REQUESTED if staff else RequestStatus.PENDING_REVIEW
    return RequestEvent(
        id=f"r:{kind}", kind=kind, at=NOW, actor=actor, to_status=target, changed=changed
    )


def codes(found) -> list[AdvisoryCode]:
    return [a.code for a in found]


TODAY = NOW.date()


def facts(*, window_open: bool = False, participant: int = 2026, **more) -> Facts:
    """Facts on Nov 28, 2026 (enrollment FY2027) with the participant year and window asked
    for, the program on the list and a student who stays; `more` replaces any of them."""
    calendar = {
        2026: FiscalYearDates(
            fiscal_year=2026,
            preliminary_records_created_on=date(2025, 10, 1),
            final_records_created_on=None
            if window_open and participant == 2026
            else date(2026, 3, 2),
        )
    }
    if participant == 2027:
        calendar[2027] = FiscalYearDates(
            fiscal_year=2027,
            preliminary_records_created_on=date(2026, 10, 1),
            final_records_created_on=None if window_open else date(2026, 11, 1),
        )
    base = {"record": None, "program": CULINARY, "student": STUDENT}
    return Facts(**{**base, "calendar": calendar, "today": TODAY, **more})


def assess(
    req: ChangeRequest,
    status_impact: StatusImpact,
    *,
    window_open: bool = False,
    participant_fiscal_year: int = 2026,
    **more,
) -> list[AdvisoryCode]:
    found = facts(window_open=window_open, participant=participant_fiscal_year, **more)
    return codes(advisories(req, status_impact, found))


# --- credit arithmetic --------------------------------------------------------------------


@pytest.mark.policy("P6", "P14")
def test_add_credits_keeps_existing_credit_and_appends_the_insertion():
    courses = add_credits(
        [credit(C1, "0.5", ("earlier", "0.25"))], C1, Decimal("0.5"), REQUEST_ID, NOW
    )
    [c1] = courses
    assert c1.reported_credits == Decimal("0.5")
    assert [(i.change_request_id, i.credits) for i in c1.insertions] == [
        ("earlier", Decimal("0.25")),
        (REQUEST_ID, Decimal("0.5")),
    ]
    assert c1.total_credits == Decimal("1.25")


@pytest.mark.policy("P14")
def test_add_credits_adds_a_course_the_record_lacks_and_leaves_the_others():
    courses = add_credits([credit(C1, "1")], C2, Decimal("1"), REQUEST_ID, NOW)
    assert [c.course_number for c in courses] == [C1, C2]
    assert courses[0] == credit(C1, "1")
    assert (courses[1].reported_credits, courses[1].inserted_credits) == (Decimal(0), Decimal(1))


@pytest.mark.policy("P28")
def test_credit_totals_are_exact_decimals():
    c1 = credit(C1, "0.7", ("a", "0.2"), ("b", "0.1"))
    assert c1.total_credits == Decimal(1)
    assert compute_flags(CULINARY, [c1], STUDENT, 2026).participant is True


@pytest.mark.policy("P28")
def test_internship_credit_is_no_second_course_for_concentrator():
    flags = compute_flags(CULINARY, [credit(C1, "1"), credit(CI, "1")], STUDENT, 2026)
    assert (flags.participant, flags.concentrator) == (True, False)
    flags = compute_flags(CULINARY, [credit(C1, "1"), credit(C3, "1")], STUDENT, 2026)
    assert (flags.concentrator, flags.completer) == (True, False)


# --- impact -------------------------------------------------------------------------------


@pytest.mark.policy("P14", "P17")
def test_impact_adds_the_requested_credit_to_the_existing():
    found = impact(request(C1, "0.5"), record(credit(C1, "0.5")), CULINARY, STUDENT)
    assert found.before == StatusFlags()
    assert found.after == StatusFlags(participant=True)
    assert found.changes_status is True


def test_impact_of_a_course_the_record_lacks():
    found = impact(request(C2, "1"), record(credit(C1, "1")), CULINARY, STUDENT)
    assert found.after == StatusFlags(participant=True, concentrator=True, completer=True)


def test_impact_with_exact_decimals_reaches_exactly_one():
    target = record(credit(C1, "0.7", ("earlier", "0.2")))
    assert impact(request(C1, "0.1"), target, CULINARY, STUDENT).after.participant is True


@pytest.mark.policy("P18")
def test_impact_reaches_the_placement_list_for_a_student_who_left_this_year():
    target = record(credit(C1, "1"), credit(C2, "0.5"), student=GRADUATED)
    found = impact(request(C2, "0.5"), target, CULINARY, GRADUATED)
    assert found.after.placement_survey_eligible is True


@pytest.mark.policy("P18")
def test_impact_judges_placement_by_the_latest_record_of_the_same_program_only():
    """A summer graduate (left July 15, 2026, in FY2027) whose latest Culinary Arts record is
    FY2026's is on FY2027's placement list; a FY2027 record in another program is another
    record's business and does not make the FY2026 record an earlier one."""
    summer = STUDENT.model_copy(update={"exited_on": date(2026, 7, 15)})
    target = record(credit(C1, "1"), credit(C2, "0.5"), student=summer)
    other_program = target.model_copy(
        update={"id": "65b000000000000000000002", "fiscal_year": 2027, "program_number": "51.3900"}
    )
    found = impact(
        request(C2, "0.5"),
        target,
        CULINARY,
        summer,
        student_records=[target, other_program],
        today=TODAY,
    )
    assert found.after.placement_survey_eligible is True
    assert found.after.placement_fiscal_year == 2027


def test_impact_of_an_applied_request_does_not_count_its_credits_twice():
    """0.25 reported + 0.5 applied = 0.75: adding the 0.5 again would make a participant."""
    target = record(credit(C1, "0.25", (REQUEST_ID, "0.5")), applied=(REQUEST_ID,))
    found = impact(request(C1, "0.5", status=RequestStatus.APPROVED), target, CULINARY, STUDENT)
    assert found.before == found.after == target.status == StatusFlags()
    assert found.changes_status is False


@pytest.mark.parametrize("missing", ["record", "program", "student"])
def test_impact_without_a_target_is_all_false(missing):
    parts = {"record": record(credit(C1, "1")), "program": CULINARY, "student": STUDENT}
    parts[missing] = None
    found = impact(request(), parts["record"], parts["program"], parts["student"])
    assert found.before == found.after == StatusFlags()


# --- advisories ---------------------------------------------------------------------------

CHANGES = StatusImpact(StatusFlags(), StatusFlags(participant=True))
UNCHANGED = StatusImpact(StatusFlags(), StatusFlags())
EVIDENCE = (
    Attachment(
        id="a1",
        filename="transcript.pdf",
        content_type="application/pdf",
        size=1024,
        sha256="0" * 64,
        uploaded_at=NOW,
    ),
)


def test_no_advisory_when_nothing_calls_for_one():
    assert assess(request(evidence=EVIDENCE), CHANGES) == []


@pytest.mark.policy("P45")
@pytest.mark.parametrize("before", [CONCENTRATOR, COMPLETER_ONLY])
def test_already_concentrator_or_completer_when_the_insert_improves_no_flag(before):
    found = assess(request(evidence=EVIDENCE), StatusImpact(before, before))
    assert found == [AdvisoryCode.ALREADY_CONCENTRATOR_OR_COMPLETER, AdvisoryCode.NO_STATUS_CHANGE]


@pytest.mark.policy("P45")
def test_not_already_concentrator_when_the_insert_makes_a_concentrator_a_completer():
    """The policy: "inserting the credit will do nothing to positively affect the record";
    making a concentrator a completer does affect it."""
    completer = CONCENTRATOR.model_copy(update={"completer": True})
    assert assess(request(evidence=EVIDENCE), StatusImpact(CONCENTRATOR, completer)) == []


@pytest.mark.policy("P44", "P45")
def test_a_lost_flag_improves_nothing_yet_changes_the_status():
    """`impact` compares the stored flags with the recomputed ones, so a flag can be lost (the
    program's required sequence grew since the flags were stored). Losing completer does
    "nothing to positively affect the record" (ALREADY_CONCENTRATOR_OR_COMPLETER), but it is a
    change of a flag, so NO_STATUS_CHANGE ("the impact changes no flag") does not apply."""
    completer = CONCENTRATOR.model_copy(update={"completer": True})
    found = assess(request(evidence=EVIDENCE), StatusImpact(completer, CONCENTRATOR))
    assert found == [AdvisoryCode.ALREADY_CONCENTRATOR_OR_COMPLETER]


@pytest.mark.policy("P46")
def test_alternative_method_while_the_window_is_open():
    assert assess(request(evidence=EVIDENCE), CHANGES, window_open=True) == [
        AdvisoryCode.ALTERNATIVE_METHOD_MAY_BE_AVAILABLE
    ]


@pytest.mark.policy("P41")
def test_no_evidence_attached():
    assert assess(request(), CHANGES) == [AdvisoryCode.NO_EVIDENCE_ATTACHED]


@pytest.mark.policy("P44")
def test_no_status_change():
    assert assess(request(evidence=EVIDENCE), UNCHANGED) == [AdvisoryCode.NO_STATUS_CHANGE]


def test_fiscal_year_no_longer_current():
    found = advisories(request(evidence=EVIDENCE), CHANGES, facts(participant=2027))
    assert codes(found) == [AdvisoryCode.FISCAL_YEAR_NO_LONGER_CURRENT]
    assert "FY2026" in found[0].message and "FY2027" in found[0].message


def test_fiscal_year_no_longer_current_also_when_the_participant_year_went_back():
    """An admin may move FY2027's preliminary date later after a request was submitted for
    FY2027: the participant year is FY2026 again, and an approval puts the credits there."""
    submitted_for_2027 = request(evidence=EVIDENCE, fiscal_year=2027)
    found = advisories(submitted_for_2027, CHANGES, facts(participant=2026))
    assert codes(found) == [AdvisoryCode.FISCAL_YEAR_NO_LONGER_CURRENT]
    assert "now FY2026" in found[0].message


@pytest.mark.policy("P20")
def test_program_no_longer_approved():
    delisted = CULINARY.model_copy(update={"on_approved_list": False})
    assert assess(request(evidence=EVIDENCE), CHANGES, program=delisted) == [
        AdvisoryCode.PROGRAM_NO_LONGER_APPROVED
    ]


@pytest.mark.policy("P21")
def test_student_left_names_the_date_and_counts_only_from_that_day():
    found = advisories(request(evidence=EVIDENCE), CHANGES, facts(student=GRADUATED))
    assert codes(found) == [AdvisoryCode.STUDENT_LEFT] and "2026-05-28" in found[0].message
    later = STUDENT.model_copy(update={"exited_on": date(2026, 12, 20)})
    assert assess(request(evidence=EVIDENCE), CHANGES, student=later) == []


@pytest.mark.policy("P21")
def test_student_left_counts_on_the_day_they_left():
    """An exit counts "on or before today": the day of leaving is included."""
    today = STUDENT.model_copy(update={"exited_on": TODAY})
    assert assess(request(evidence=EVIDENCE), CHANGES, student=today) == [AdvisoryCode.STUDENT_LEFT]


@pytest.mark.policy("P44")
def test_prior_insertion_names_the_earlier_request_of_any_year():
    earlier = record(credit(C1, "0.5", ("65a0000000000000000000ee", "0.5"))).model_copy(
        update={"fiscal_year": 2024}
    )
    other_course = record(credit(C2, "0.5", ("65a0000000000000000000ff", "0.5")))
    found = advisories(
        request(evidence=EVIDENCE), CHANGES, facts(student_records=[earlier, other_course])
    )
    assert codes(found) == [AdvisoryCode.PRIOR_INSERTION]
    assert "65a0000000000000000000ee" in found[0].message and "FY2024" in found[0].message
    assert "65a0000000000000000000ff" not in found[0].message


@pytest.mark.policy("P44")
def test_a_requests_own_insertion_is_no_prior_insertion():
    """PRIOR_INSERTION names credit inserted by another request: while an approval is under
    way, the request's own credits may already be in the record it is still open on."""
    own = record(credit(C1, "0.5", (REQUEST_ID, "0.5")), applied=(REQUEST_ID,))
    found = advisories(request(evidence=EVIDENCE), CHANGES, facts(student_records=[own]))
    assert AdvisoryCode.PRIOR_INSERTION not in codes(found)


@pytest.mark.policy("P49")
def test_unusual_course_total_above_the_setting():
    target = record(credit(C1, "1.75"))
    assert assess(request(evidence=EVIDENCE), CHANGES, record=target) == [
        AdvisoryCode.UNUSUAL_COURSE_TOTAL
    ]
    assert assess(request(C1, "0.25", evidence=EVIDENCE), CHANGES, record=target) == []
    lower = facts(record=target, usual_course_total=Decimal("1.5"))
    found = advisories(request(C1, "0.25", evidence=EVIDENCE), CHANGES, lower)
    assert codes(found) == [AdvisoryCode.UNUSUAL_COURSE_TOTAL]


@pytest.mark.policy("P36")
def test_retired_suid_still_active_in_the_participant_year():
    retired = request(
        evidence=EVIDENCE, reason=InsertCreditsReason.RETIRED_SUID, retired_suid="1009999999"
    )
    held = record(credit(C1, "1"), student=STUDENT.model_copy(update={"suid": "1009999999"}))
    assert assess(retired, CHANGES, retired_records=[held]) == [
        AdvisoryCode.RETIRED_SUID_STILL_ACTIVE
    ]
    old = held.model_copy(update={"fiscal_year": 2024})
    assert assess(retired, CHANGES, retired_records=[old]) == []


@pytest.mark.policy("P40")
def test_changed_since_last_review_until_the_reviewer_acts_again():
    asked = event(EventKind.MORE_INFORMATION_REQUESTED)
    provided = event(EventKind.INFORMATION_PROVIDED, changed=("credits",))
    unchanged = event(EventKind.INFORMATION_PROVIDED)
    changed = request(evidence=EVIDENCE, history=(asked, provided))
    found = advisories(changed, CHANGES, facts())
    assert codes(found) == [AdvisoryCode.CHANGED_SINCE_LAST_REVIEW]
    assert "credits" in found[0].message
    assert assess(request(evidence=EVIDENCE, history=(asked, unchanged)), CHANGES) == []
    asked_again = request(evidence=EVIDENCE, history=(asked, provided, asked))
    assert assess(asked_again, CHANGES) == []


def test_all_at_once_in_a_stable_order():
    retired = "1009999999"
    everything = request(
        reason=InsertCreditsReason.RETIRED_SUID,
        retired_suid=retired,
        credits="2",
        history=(
            event(EventKind.MORE_INFORMATION_REQUESTED),
            event(EventKind.INFORMATION_PROVIDED, changed=("justification",)),
        ),
    )
    held = record(credit(C1, "1")).model_copy(update={"suid": retired, "fiscal_year": 2027})
    found = assess(
        everything,
        StatusImpact(CONCENTRATOR, CONCENTRATOR),
        window_open=True,
        participant_fiscal_year=2027,
        program=CULINARY.model_copy(update={"on_approved_list": False}),
        student=GRADUATED,
        record=record(credit(C1, "0.5", ("65a0000000000000000000ee", "0.5"))),
        student_records=[record(credit(C1, "0.5", ("65a0000000000000000000ee", "0.5")))],
        retired_records=[held],
    )
    assert found == list(AdvisoryCode)


def test_open_requests_awaiting_information_are_advised():
    waiting = request(status=RequestStatus.MORE_INFORMATION_REQUESTED)
    assert assess(waiting, UNCHANGED) == [
        AdvisoryCode.NO_EVIDENCE_ATTACHED,
        AdvisoryCode.NO_STATUS_CHANGE,
    ]


@pytest.mark.parametrize(
    "status", [RequestStatus.APPROVED, RequestStatus.REJECTED, RequestStatus.WITHDRAWN]
)
def test_no_advisories_once_decided(status):
    decided = request(status=status)
    found = assess_request(decided, facts(window_open=True, participant=2027, student=GRADUATED))
    assert found.advisories == []


@pytest.mark.policy("P46")
@pytest.mark.parametrize(
    "final, expected",
    [
        (None, True),
        (date(2026, 11, 29), True),
        (date(2026, 11, 28), False),
        (date(2026, 3, 2), False),
    ],
)
def test_the_adjustment_window_of_fy2026_with_its_final_date(final, expected):
    dates = FiscalYearDates(
        fiscal_year=2026,
        preliminary_records_created_on=date(2025, 10, 1),
        final_records_created_on=final,
    )
    assert adjustment_window_open(dates, date(2026, 11, 28)) is expected
