"""A page's prefetch (domain/prefetch.py) reads no more than its fields would: in the viewer's
scope, and by a request's grant only the retired-SUID records in the request's program with
their own student, school and LEA."""

from __future__ import annotations

from domain.models import ParticipantRecord, StatusFlags
from domain.repository.records import new_record_id
from tests.approval_support import submit
from tests.conftest import EVIT, EVIT_MAIN, RED_MOUNTAIN, SAMPLE_NOW, TUCSON, TUCSON_HIGH
from tests.documents import CHANGE_REQUESTS_IN_FULL
from tests.sample import C1, CULINARY, DIEGO, DIEGO_RETIRED

KINDS = ("students", "schools", "leas")


def reads_of(store, monkeypatch) -> list[tuple[str, bool, list]]:
    """Every read of students, schools and LEAs: (kind, statewide?, keys)."""
    reads: list[tuple[str, bool, list]] = []
    for kind in KINDS:
        method = getattr(store.reference, kind)

        async def read(scope, keys, kind=kind, method=method):
            keys = list(keys)
            reads.append((kind, scope.everything, keys))
            return await method(scope, keys)

        monkeypatch.setattr(store.reference, kind, read)
    return reads


async def test_a_retired_suid_record_in_another_program_is_neither_shown_nor_read(
    gql, tokens, store, monkeypatch
):
    """Diego's retired SUID has a Culinary record at Tucson High, which his Culinary request
    shows to the Mesa user who submitted it, and another program's record at EVIT: neither
    that record nor its school or LEA is read for the page."""
    request = await submit(
        gql,
        tokens.mesa,
        suid=DIEGO,
        school=RED_MOUNTAIN,
        program=CULINARY,
        course=C1,
        credits="1.0",
        reason="RETIRED_SUID",
        retiredSuid=DIEGO_RETIRED,
    )
    await store.records.insert(
        ParticipantRecord(
            id=new_record_id(),
            suid=DIEGO_RETIRED,
            school_entity_id=EVIT_MAIN,
            lea_entity_id=EVIT,
            fiscal_year=2025,
            program_number="11.0700",
            courses=(),
            status=StatusFlags(),
            version=0,
            updated_at=SAMPLE_NOW,
        )
    )
    reads = reads_of(store, monkeypatch)

    page = await gql.data(CHANGE_REQUESTS_IN_FULL, {"first": 100}, tokens.mesa)

    [node] = [
        e["node"] for e in page["changeRequests"]["edges"] if e["node"]["id"] == request["id"]
    ]
    [shown] = node["retiredSuidRecords"]
    assert (shown["school"]["entityId"], shown["school"]["lea"]["entityId"]) == (
        TUCSON_HIGH,
        TUCSON,
    )
    assert shown["student"]["suid"] == DIEGO_RETIRED
    statewide = sorted((kind, keys) for kind, everything, keys in reads if everything)
    assert statewide == [
        ("leas", [TUCSON]),
        ("schools", [TUCSON_HIGH]),
        ("students", [DIEGO_RETIRED]),
    ]
    assert all(EVIT_MAIN not in keys and EVIT not in keys for _, _, keys in reads)


async def test_a_page_of_requests_the_viewer_may_not_see_reads_nothing_statewide(
    gql, tokens, store, monkeypatch
):
    """Tucson's user sees no request of Mesa's: the page prefetches nothing of it, by grant
    or otherwise."""
    await submit(
        gql,
        tokens.mesa,
        suid=DIEGO,
        school=RED_MOUNTAIN,
        program=CULINARY,
        course=C1,
        credits="1.0",
        reason="RETIRED_SUID",
        retiredSuid=DIEGO_RETIRED,
    )
    reads = reads_of(store, monkeypatch)

    page = await gql.data(CHANGE_REQUESTS_IN_FULL, {"first": 100}, tokens.tucson)

    assert page["changeRequests"]["edges"] == []
    assert reads == []
