"""Structured JSON logs: one line per GraphQL operation, and nothing that identifies a student.

Student data is protected by law, so log lines carry ids and codes, never values: no error
messages (graphql-core echoes the client's input in them, SUIDs included), no exception
messages (ours name records), no query strings, no headers. As a last guard every string
value passes `scrub`, which blanks tokens and long digit runs (SUIDs are ten digits).
Strawberry's own error logger is silenced because it logs every error message with its
trace; server.errors logs errors instead, with a trace made of code locations only.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sys
import time
import traceback
import uuid
import warnings
from typing import Any, TextIO

import structlog
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from domain.observe import TripCount, count_round_trips

from . import metrics

LOGGER_NAME = "ctecr"
_HANDLER_MARK = "_ctecr_handler"
# Values this module generates itself; scrubbing could only damage them.
_TRUSTED_KEYS = frozenset(
    {"request_id", "timestamp", "level", "logger", "duration_ms", "round_trips"}
)
# When a non-null field fails, graphql-core cancels its pending siblings; a sibling cancelled
# before it started never awaits the resolver coroutine it was given, and Python warns when
# that coroutine is collected. No work is lost (it never began), so the warning is noise.
BENIGN_UNAWAITED = r"coroutine '(Executor|GraphQLCoreConverter)\..*' was never awaited"
_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")
_SCRUBBERS = [
    (re.compile(r"eyJ[\w-]*\.[\w-]*\.[\w-]*"), "[token]"),
    (re.compile(r"(?i)\bbearer\s+\S+"), "Bearer [token]"),
    (re.compile(r"\d{6,}"), "[number]"),
]


def scrub_text(text: str) -> str:
    for pattern, replacement in _SCRUBBERS:
        text = pattern.sub(replacement, text)
    return text


def _scrub_value(value: Any) -> Any:
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, (list, tuple)):
        return [_scrub_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _scrub_value(item) for key, item in value.items()}
    return value


def scrub(_logger, _method, event_dict: dict) -> dict:
    """structlog processor: blank tokens and SUID-like numbers in every untrusted value."""
    return {
        key: value if key in _TRUSTED_KEYS else _scrub_value(value)
        for key, value in event_dict.items()
    }


def safe_trace(error: BaseException) -> list[str]:
    """Where an exception went, as `file:line in function` frames and its type; without its
    message or any local value, which may hold student data."""
    frames = [
        f"{frame.filename}:{frame.lineno} in {frame.name}"
        for frame in traceback.extract_tb(error.__traceback__)
    ]
    return [*frames, f"{type(error).__module__}.{type(error).__qualname__}"]


def _exception_as_trace(_logger, _method, event_dict: dict) -> dict:
    """structlog processor: replace `exc_info` (from stdlib loggers such as uvicorn's) with a
    safe trace instead of the formatted traceback, whose text includes messages."""
    exc_info = event_dict.pop("exc_info", None)
    if exc_info is True:
        exc_info = sys.exc_info()
    if isinstance(exc_info, BaseException):
        event_dict["trace"] = safe_trace(exc_info)
    elif isinstance(exc_info, tuple) and exc_info[1] is not None:
        event_dict["trace"] = safe_trace(exc_info[1])
    return event_dict


class _CurrentStderr:
    """Whatever sys.stderr is when a line is written (test runners swap it)."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


STDERR = _CurrentStderr()


class QueryStringFilter(logging.Filter):
    """Drops the query string from uvicorn's access lines: a refused GET /graphql?query=...
    would otherwise log the client's document, SUIDs and all."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (*args[:2], args[2].split("?", 1)[0], *args[3:])
        return True


class _Sink:
    """Where every JSON line goes; configure_logging points it at a stream."""

    def __init__(self) -> None:
        self.target: TextIO | _CurrentStderr = STDERR

    def write(self, text: str) -> int:
        return self.target.write(text)

    def flush(self) -> None:
        self.target.flush()


SINK = _Sink()


def _add_logger_name(_logger, _method, event_dict: dict) -> dict:
    event_dict.setdefault("logger", LOGGER_NAME)
    return event_dict


def configure_logging(level: str = "INFO", stream: TextIO | None = None) -> None:
    """JSON lines on `stream` (kept from the last call when None; stderr at first): our
    structlog loggers render directly, a cheaper path than through the standard library,
    whose loggers (uvicorn's, warnings) reach the same sink through one handler."""
    if stream is not None:
        SINK.target = stream
    threshold = logging.getLevelName(level)
    tail = [_exception_as_trace, scrub, structlog.processors.JSONRenderer()]
    structlog.configure(
        processors=[
            structlog.processors.add_log_level,
            _add_logger_name,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            *tail,
        ],
        logger_factory=structlog.WriteLoggerFactory(file=SINK),
        wrapper_class=structlog.make_filtering_bound_logger(threshold),
        cache_logger_on_first_use=False,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[
            structlog.stdlib.add_log_level,
            structlog.stdlib.add_logger_name,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
        ],
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *tail],
    )
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _HANDLER_MARK, False)]:
        root.removeHandler(old)
    handler = logging.StreamHandler(SINK)
    handler.setFormatter(formatter)
    setattr(handler, _HANDLER_MARK, True)
    root.addHandler(handler)
    root.setLevel(threshold)
    logging.getLogger("strawberry.execution").disabled = True
    logging.captureWarnings(True)  # warnings become JSON lines too
    warnings.filterwarnings("ignore", category=RuntimeWarning, message=BENIGN_UNAWAITED)
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, QueryStringFilter) for f in access.filters):
        access.addFilter(QueryStringFilter())


_LOGGER = structlog.get_logger(LOGGER_NAME)


def logger():
    return _LOGGER


def request_id(execution_context: Any) -> str:
    """The id of this operation (one per HTTP request, one per operation on a WebSocket),
    made on first use and kept on the operation's execution context; it is the correlation
    id a client sees on a masked error."""
    found = getattr(execution_context, "ctecr_request_id", None)
    if found is None:
        found = uuid.uuid4().hex
        execution_context.ctecr_request_id = found
    return found


def error_code(error: BaseException) -> str:
    if isinstance(error, GraphQLError):
        return str((error.extensions or {}).get("code") or "UNCODED")
    return "BAD_REQUEST"  # strawberry re-raises only request-shape errors (HTTP 400)


class OperationLog(SchemaExtension):
    """One line per operation: request id, operation, viewer, duration and outcome. It is
    the outermost extension, so it sees errors as the client does (after server.errors). A
    subscription's line comes when it ends, with the codes of every result it sent."""

    def __init__(self) -> None:
        self.streamed_codes: set[str] | None = None
        self.trips = TripCount()

    def on_operation(self):
        started = time.perf_counter()
        self.trips = count_round_trips()
        failure: BaseException | None = None
        try:
            yield
        except (GeneratorExit, asyncio.CancelledError):  # a subscription closed: no failure
            raise
        except BaseException as error:
            failure = error
            raise
        finally:
            self._log(started, failure)

    def on_stream_result(self, result):
        yield
        codes = {error_code(error) for error in getattr(result, "errors", None) or ()}
        self.streamed_codes = (self.streamed_codes or set()) | codes

    def _codes(self, failure: BaseException | None) -> list[str]:
        if failure is not None:
            return [error_code(failure)]
        if self.streamed_codes is not None:
            return sorted(self.streamed_codes)
        errors = getattr(self.execution_context.result, "errors", None) or ()
        return sorted({error_code(error) for error in errors})

    def _log(self, started: float, failure: BaseException | None) -> None:
        context = self.execution_context
        log_operation(
            request_id(context),
            getattr(context.context, "viewer", None),
            self._codes(failure),
            started,
            operation=operation_name(context),
            operation_type=operation_type(context),
            round_trips=self.trips.count,
        )


def log_operation(
    request_id: str,
    viewer: Any,
    codes: list[str],
    started: float,
    operation: str | None = None,
    operation_type: str | None = None,
    round_trips: int = 0,
) -> None:
    """The line of one operation, and its metrics; also for those the transport refuses
    before they run."""
    seconds = time.perf_counter() - started
    logger().info(
        "graphql_operation",
        request_id=request_id,
        operation=operation,
        operation_type=operation_type,
        viewer_id=viewer.id if viewer else None,
        duration_ms=round(seconds * 1000, 3),
        round_trips=round_trips,
        outcome="errors" if codes else "ok",
        error_codes=codes,
    )
    metrics.record_operation(operation, operation_type, codes, seconds, round_trips)


def operation_name(context) -> str | None:
    """The operation's name when it is a GraphQL name (a client may send any string as
    operationName), cut to a sane length."""
    name = context.operation_name
    return name[:100] if isinstance(name, str) and _NAME.fullmatch(name) else None


def operation_type(context) -> str | None:
    try:
        return context.operation_type.value
    except RuntimeError:  # no document, or no operation of that name
        return None
