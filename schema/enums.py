"""The contract's enums, backed by the domain's own enums."""

from __future__ import annotations

from enum import Enum

import strawberry

from domain import models
from domain.change_requests import assessment, model
from domain.errors import ErrorCode

Role = strawberry.enum(models.Role, name="Role")
LeaKind = strawberry.enum(models.LeaKind, name="LeaKind")
CourseKind = strawberry.enum(models.CourseKind, name="CourseKind")
ExitReason = strawberry.enum(models.ExitReason, name="ExitReason")
ChangeRequestStatus = strawberry.enum(model.RequestStatus, name="ChangeRequestStatus")
ChangeRequestEventKind = strawberry.enum(model.EventKind, name="ChangeRequestEventKind")
InsertCreditsReason = strawberry.enum(model.InsertCreditsReason, name="InsertCreditsReason")
RejectionReason = strawberry.enum(model.RejectionReason, name="RejectionReason")
ChangeRequestOrder = strawberry.enum(
    model.RequestOrder,
    name="ChangeRequestOrder",
    description="By submission time, then id; a cursor continues the order it came from.",
)
AdvisoryCode = strawberry.enum(assessment.AdvisoryCode, name="AdvisoryCode")
UserErrorCode = strawberry.enum(ErrorCode, name="UserErrorCode")


@strawberry.enum
class ChangeRequestKind(Enum):
    INSERT_CREDITS = "INSERT_CREDITS"
