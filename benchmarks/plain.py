"""The plain Starlette JSON routes the GraphQL endpoint is measured against: the same domain
calls (with the same batching the DataLoaders do: one query per kind) and the same JSON as
the benchmark's GraphQL documents ask for, written by hand. Benchmark-only."""

from __future__ import annotations

from collections import defaultdict

from starlette.requests import Request
from starlette.responses import JSONResponse

from domain import fiscal
from domain.access import EVERYTHING, scope_of
from domain.audit import AccessKind
from domain.change_requests import assessment
from domain.change_requests.model import RequestFilter
from domain.errors import DomainError
from domain.models import Program, format_credits
from resolvers.pagination import check_first, request_cursor
from schema.ids import to_global_id
from server.auth import Unauthenticated


async def _viewer(request: Request):
    return await request.app.state.authenticator.viewer(request.headers.get("authorization"))


def _refusal(error: Exception) -> JSONResponse:
    code = getattr(error, "code", "UNAUTHENTICATED")
    return JSONResponse(
        {"data": None, "errors": [{"message": str(error), "extensions": {"code": str(code)}}]}
    )


def _flags(flags) -> dict:
    return {
        "participant": flags.participant,
        "concentrator": flags.concentrator,
        "completer": flags.completer,
        "placementSurveyEligible": flags.placement_survey_eligible,
    }


def _course(number: str, program: Program | None, kind: bool) -> dict:
    course = program.course(number) if program else None
    found = {"courseNumber": number, "name": course.name if course else number}
    if kind:
        found["kind"] = str(course.kind) if course else "STANDARD"
    return found


def _record(record, program: Program | None) -> dict:
    return {
        "id": to_global_id("ParticipantRecord", record.id),
        "fiscalYear": record.fiscal_year,
        "program": {"programNumber": program.program_number, "name": program.name},
        "courses": [
            {
                "course": _course(c.course_number, program, kind=True),
                "reportedCredits": format_credits(c.reported_credits),
                "insertedCredits": format_credits(c.inserted_credits),
                "totalCredits": format_credits(c.total_credits),
            }
            for c in record.courses
        ],
        "status": _flags(record.status),
    }


async def participant_records(request: Request) -> JSONResponse:
    services = request.app.state.services
    suid, school = request.query_params["suid"], int(request.query_params["school"])
    try:
        viewer = await _viewer(request)
        # The access audit entry the GraphQL resolver writes (FERPA), refused lookups too.
        await services.audit.record(
            viewer, AccessKind.RECORDS_LOOKED_UP, suid=suid, school_entity_id=school
        )
        _, records = await services.lookups.participant_records(viewer, suid, school)
    except (DomainError, Unauthenticated) as error:
        return _refusal(error)
    programs = await services.store.reference.programs([r.program_number for r in records])
    return JSONResponse(
        {
            "data": {
                "participantRecords": [_record(r, programs.get(r.program_number)) for r in records]
            }
        }
    )


async def change_requests(request: Request) -> JSONResponse:
    services = request.app.state.services
    try:
        viewer = await _viewer(request)
        page = await services.requests.page(
            viewer, RequestFilter(), check_first(int(request.query_params["first"])), None
        )
    except (DomainError, Unauthenticated) as error:
        return _refusal(error)
    context = await _RequestContext.load(services, scope_of(viewer), page.items)
    edges = [{"cursor": request_cursor(r), "node": context.request(r)} for r in page.items]
    return JSONResponse(
        {
            "data": {
                "changeRequests": {
                    "totalCount": page.total_count,
                    "pageInfo": {
                        "hasNextPage": page.has_next_page,
                        "endCursor": edges[-1]["cursor"] if edges else None,
                    },
                    "edges": edges,
                }
            }
        }
    )


class _RequestContext:
    """What a page of requests refers to, read with one query per kind."""

    @classmethod
    async def load(cls, services, scope, requests) -> _RequestContext:
        reference, suids = services.store.reference, [r.suid for r in requests]
        self = cls()
        self.students = await reference.students(scope, suids)
        self.schools = await reference.schools(scope, [r.school_entity_id for r in requests])
        self.programs = await reference.programs([r.program_number for r in requests])
        records = await services.store.records.of_students(scope, suids) if suids else []
        self.records = {r.key: r for r in records}
        self.by_suid = defaultdict(list)
        for record in records:
            self.by_suid[record.suid].append(record)
        retired = [r.retired_suid for r in requests if r.retired_suid]
        self.retired = defaultdict(list)
        for record in await services.store.records.of_students(EVERYTHING, retired):
            self.retired[record.suid].append(record)
        self.calendar = await services.calendar.all()
        self.today = services.calendar.today()
        self.participant = fiscal.participant_fiscal_year(self.today, self.calendar)
        self.usual = services.rules.usual_course_total
        return self

    def request(self, r) -> dict:
        student, school = self.students[r.suid], self.schools[r.school_entity_id]
        program = self.programs.get(r.program_number)
        year = assessment.target_fiscal_year(r, self.participant)
        facts = assessment.Facts(
            record=self.records.get((r.suid, r.school_entity_id, year, r.program_number)),
            program=program,
            student=student,
            calendar=self.calendar,
            today=self.today,
            student_records=self.by_suid[r.suid],
            retired_records=[
                x for x in self.retired[r.retired_suid] if x.program_number == r.program_number
            ],
            usual_course_total=self.usual,
        )
        found = assessment.assess(r, facts)
        impact, advisories = found.impact, found.advisories
        return {
            "id": to_global_id("ChangeRequest", r.id),
            "status": str(r.status),
            "version": r.version,
            "fiscalYear": year,
            "credits": format_credits(r.credits),
            "gradeLevel": r.grade_level,
            "reason": str(r.reason),
            "submittedAt": r.submitted_at.isoformat(),
            "student": {
                "suid": student.suid,
                "firstName": student.first_name,
                "lastName": student.last_name,
            },
            "school": {"entityId": school.entity_id, "name": school.name},
            "program": {"programNumber": program.program_number, "name": program.name},
            "course": _course(r.course_number, program, kind=False),
            "impact": {
                "before": _flags(impact.before),
                "after": _flags(impact.after),
                "changesStatus": impact.changes_status,
            },
            "advisories": [{"code": str(a.code), "message": a.message} for a in advisories],
        }
