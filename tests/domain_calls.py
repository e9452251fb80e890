"""Calling the domain's review path directly, for tests that set up many requests fast."""

from __future__ import annotations

from typing import Any

from domain.change_requests.model import ChangeRequest
from domain.change_requests.transitions import Action
from domain.change_requests.validation import ReviewInput
from domain.models import Viewer
from domain.services import Services


async def review(
    services: Services, viewer: Viewer, action: Action, request_id: str, **fields: Any
) -> ChangeRequest:
    return await services.reviews.act(viewer, ReviewInput(action, request_id, **fields))
