"""Running an operation whose document passed parsing, validation and every check before.

Strawberry's `Schema.execute` runs the whole pipeline for every request: a dozen extensions,
each hook a context manager, the (cached) parse and validation, each check's cache lookup.
For a document known to pass all of that, only what acts on each operation is left:
`execute_prepared` is strawberry's `execute` with the document already set, no parsing or
validation step, and only the extensions given (those that log, trace or treat the result).
It calls strawberry's own steps (execution, result handling), so the result is the one
`execute` would have made. Which documents are prepared is the caller's to decide
(server.prepared_operations).
"""

from __future__ import annotations

from collections.abc import Sequence

import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import _coerce_error
from strawberry.types.execution import ExecutionContext, ExecutionResult, PreExecutionError


async def execute_prepared(
    schema: strawberry.Schema,
    execution_context: ExecutionContext,
    extensions: Sequence[SchemaExtension],
) -> ExecutionResult:
    """`execution_context` carries the prepared `graphql_document`; an exception outside
    the resolvers becomes the result's error, as in `Schema.execute`."""
    assert execution_context.graphql_document is not None
    for extension in extensions:
        extension.execution_context = execution_context
    runner = schema.create_extensions_runner(execution_context, list(extensions))
    middleware = schema._get_middleware_manager(list(extensions))
    custom = schema._get_custom_context_kwargs(execution_context.operation_extensions)
    try:
        async with runner.operation():
            result = await schema._execute_operation(
                execution_context, runner, middleware, schema._get_execute_function(), custom
            )
    except Exception as error:  # as strawberry's execute, an error of the result
        failed = PreExecutionError(data=None, errors=[_coerce_error(error)])
        return await schema._handle_execution_result(execution_context, failed, runner)
    return await schema._handle_execution_result(
        execution_context, result, runner, skip_process_errors=True
    )
