"""The nodes of a compiled plan and how each runs.

A field's plan knows its response name, its definition and field nodes, how its value is read
(straight from the parent object's attribute for strawberry's default resolver, else the
field's resolver with arguments coerced as graphql-core coerces them) and how its value is
completed. Every step mirrors graphql-core's executor (graphql/execution/executor.py): the
same fields start in the same order, the same awaitables are gathered together or awaited
alone, errors are located and collected by the executor's own `handle_field_error`, so that
data, errors, their order and the DataLoader batches are those of the generic path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    GraphQLError,
    GraphQLField,
    GraphQLLeafType,
    GraphQLObjectType,
    GraphQLOutputType,
)
from graphql.execution.collect_fields import FieldDetails
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, Undefined, gather_with_cancel, inspect, is_iterable

MIN_INT, MAX_INT = -(2**31), 2**31 - 1  # GraphQL's Int
# The executor a plan runs in: server-independent, a graphql-core Executor (executor.py).
Executor = Any


@dataclass(frozen=True, slots=True)
class DirectResolver:
    """A strawberry resolver without arguments or field extensions, called as strawberry's
    own wrapper calls it (the parent as `self`, strawberry's Info when it asks for one),
    without the wrapper's generic argument conversion."""

    field: Any  # the StrawberryField
    # What StrawberryResolver.__call__ calls: the wrapped function, or the resolver itself
    # when that is not callable, to raise strawberry's error.
    call: Callable[..., Any]
    info_class: type
    with_self: bool
    info_name: str | None

    def __call__(self, source: Any, info) -> Any:
        args = (source,) if self.with_self else ()
        if self.info_name is None:
            return self.call(*args)
        info = self.info_class(_raw_info=info, _field=self.field)
        return self.call(*args, **{self.info_name: info})


class LazyResolveInfo:
    """A field's GraphQLResolveInfo for a direct resolver, built only when the resolver reads
    more of it than its context (the relation fields read only `info.context`): the full one
    is a 13-field tuple per field and object."""

    __slots__ = ("_executor", "_field", "_full", "context", "path")

    def __init__(self, executor: Executor, field: FieldPlan, path: Path):
        self.context = executor.context_value
        self.path = path
        self._executor = executor
        self._field = field
        self._full = None

    def __getattr__(self, name: str) -> Any:
        if self._full is None:
            self._full = self._field.info(self._executor, self.path)
        return getattr(self._full, name)


@dataclass(eq=False, slots=True)
class FieldPlan:
    key: str
    parent_type: GraphQLObjectType
    field_def: GraphQLField
    details: list[FieldDetails]
    nodes: list[FieldNode]
    # The Python attribute strawberry's default resolver reads; None: call the resolver.
    attribute: str | None
    completion: Completion
    direct: DirectResolver | None = None
    # A default-resolved scalar or enum: read and coerced in the parent's loop (run_fields).
    leaf: bool = False
    # The type of value the leaf's coercion returns unchanged (str for String), if any.
    unchanged: type | None = None

    def run(self, ex: Executor, source: Any, path: Path | None) -> Any:
        """graphql-core's execute_field."""
        field_path = Path(path, self.key, self.parent_type.name)
        info = None
        try:
            if self.attribute is not None:
                result = getattr(source, self.attribute)
            else:
                direct = self.direct
                if direct is None:
                    info = self.info(ex, field_path)
                    result = self.resolve(ex, source, info)
                else:
                    lazy = LazyResolveInfo(ex, self, field_path) if direct.info_name else None
                    result = direct(source, lazy)
                if ex.is_awaitable(result):
                    return self.complete_awaitable(ex, info, field_path, result)
            completed = self.completion.complete(ex, self, info, field_path, result)
            if ex.is_awaitable(completed):
                return self.await_completed(ex, field_path, completed)
        except Exception as raw_error:
            ex.handle_field_error(raw_error, self.field_def.type, self.details, field_path)
            return None
        return completed

    def leaf_error(self, ex: Executor, raw_error: Exception, path: Path | None) -> None:
        """The error of a default-resolved leaf (read in its parent's loop, run_fields,
        without resolver or info): its path is made only now."""
        field_path = Path(path, self.key, self.parent_type.name)
        ex.handle_field_error(raw_error, self.field_def.type, self.details, field_path)

    def info(self, ex: Executor, path: Path):
        return ex.build_resolve_info(self.field_def, self.nodes, self.parent_type, path)

    def resolve(self, ex: Executor, source: Any, info) -> Any:
        field_def, node = self.field_def, self.nodes[0]
        args = (
            get_argument_values(field_def, node, ex.variable_values, None, ex.hide_suggestions)
            if field_def.args or node.arguments
            else {}
        )
        return (field_def.resolve or ex.field_resolver)(source, info, **args)

    async def complete_awaitable(self, ex: Executor, info, path: Path, result: Any) -> Any:
        try:
            resolved = await result
            completed = self.completion.complete(ex, self, info, path, resolved)
            if ex.is_awaitable(completed):
                completed = await completed
        except Exception as raw_error:
            ex.handle_field_error(raw_error, self.field_def.type, self.details, path)
            completed = None
        return completed

    async def await_completed(self, ex: Executor, path: Path, completed: Any) -> Any:
        try:
            return await completed
        except Exception as raw_error:
            ex.handle_field_error(raw_error, self.field_def.type, self.details, path)
            return None


class Completion:
    """How a value of one output type is completed (graphql-core's complete_value)."""

    type_: GraphQLOutputType

    def complete(self, ex: Executor, field: FieldPlan, info, path: Path, result: Any) -> Any:
        raise NotImplementedError


@dataclass(eq=False, slots=True)
class NonNull(Completion):
    type_: GraphQLOutputType
    inner: Completion
    message: str

    def complete(self, ex, field, info, path, result):
        if isinstance(result, Exception):
            raise result
        completed = self.inner.complete(ex, field, info, path, result)
        if completed is None:
            raise TypeError(self.message)
        return completed


@dataclass(eq=False, slots=True)
class Leaf(Completion):
    """A scalar or enum: the type's own output coercion, skipped only for the values it
    returns unchanged (a str for String and ID, a bool for Boolean)."""

    type_: GraphQLLeafType
    unchanged: type | None
    small_int: bool = False
    # A strawberry enum: its Python enum and each member's name, as its coercion gives them
    # (it scans the type's values for each member).
    enum: type | None = None
    names: dict[Any, str] | None = None

    def complete(self, ex, field, info, path, result):
        if isinstance(result, Exception):
            raise result
        if result is None or result is Undefined:
            return None
        if type(result) is self.unchanged:
            return result
        if self.small_int and type(result) is int and MIN_INT <= result <= MAX_INT:
            return result  # what serialize_int returns for it
        if self.names is not None and type(result) is self.enum and result in self.names:
            return self.names[result]
        return ex.complete_leaf_value(self.type_, result)


@dataclass(eq=False, slots=True)
class ListOf(Completion):
    type_: GraphQLOutputType
    item: Completion
    not_iterable: str

    def complete(self, ex, field, info, path, result):
        """graphql-core's complete_list_value and complete_iterable_value."""
        if isinstance(result, Exception):
            raise result
        if result is None or result is Undefined:
            return None
        if ex.is_async_iterable(result):
            info = info if info is not None else field.info(ex, path)
            return ex.complete_value(self.type_, field.details, info, path, result, None)
        if not is_iterable(result):
            raise GraphQLError(self.not_iterable)
        is_awaitable = ex.is_awaitable
        completed_results: list[Any] = []
        awaitable_indices: list[int] = []
        iterator = iter(result)
        index = 0
        try:
            for item in iterator:
                item_path = path.add_key(index, None)
                if is_awaitable(item):
                    completed_results.append(
                        self.complete_awaitable_item(ex, field, info, item_path, item)
                    )
                    awaitable_indices.append(index)
                elif self.complete_item(ex, field, info, item_path, item, completed_results):
                    awaitable_indices.append(index)
                index += 1
        except Exception:
            pending = [completed_results[i] for i in awaitable_indices]
            pending.extend(item for item in iterator if is_awaitable(item))
            if pending:
                ex.settle_in_background(pending)
            raise
        if not awaitable_indices:
            return completed_results
        return _gathered_items(completed_results, awaitable_indices)

    def complete_item(self, ex, field, info, item_path, item, completed_results) -> bool:
        item_type = self.type_.of_type
        try:
            completed = self.item.complete(ex, field, info, item_path, item)
            if ex.is_awaitable(completed):
                completed_results.append(_await_item(ex, field, item_type, item_path, completed))
                return True
            completed_results.append(completed)
        except Exception as raw_error:
            ex.handle_field_error(raw_error, item_type, field.details, item_path)
            completed_results.append(None)
        return False

    async def complete_awaitable_item(self, ex, field, info, item_path, item):
        try:
            resolved = await item
            completed = self.item.complete(ex, field, info, item_path, resolved)
            if ex.is_awaitable(completed):
                completed = await completed
        except Exception as raw_error:
            ex.handle_field_error(raw_error, self.type_.of_type, field.details, item_path)
            return None
        return completed


async def _await_item(ex, field: FieldPlan, item_type, item_path: Path, completed) -> Any:
    try:
        return await completed
    except Exception as raw_error:
        ex.handle_field_error(raw_error, item_type, field.details, item_path)
        return None


async def _gathered_items(completed_results: list, awaitable_indices: list[int]) -> list:
    if len(awaitable_indices) == 1:
        index = awaitable_indices[0]
        completed_results[index] = await completed_results[index]
    else:
        awaited = await gather_with_cancel(*(completed_results[i] for i in awaitable_indices))
        for index, value in zip(awaitable_indices, awaited, strict=True):
            completed_results[index] = value
    return completed_results


@dataclass(eq=False, slots=True)
class Generic(Completion):
    """A type the compiler leaves to graphql-core (an interface or a union): its value is
    completed by the executor's own complete_value, selections and all."""

    type_: GraphQLOutputType

    def complete(self, ex, field, info, path, result):
        if info is None:
            info = field.info(ex, path)
        return ex.complete_value(self.type_, field.details, info, path, result, None)


@dataclass(eq=False, slots=True)
class ObjectPlan(Completion):
    """An object type's fields as graphql-core collects them, in its order."""

    type_: GraphQLObjectType
    fields: list[FieldPlan]

    def complete(self, ex, field, info, path, result):
        if isinstance(result, Exception):
            raise result
        if result is None or result is Undefined:
            return None
        is_type_of = self.type_.is_type_of
        if is_type_of:
            info = info if info is not None else field.info(ex, path)
            checked = is_type_of(result, info)
            if ex.is_awaitable(checked):
                return ex.complete_value(self.type_, field.details, info, path, result, None)
            if not checked:
                raise GraphQLError(
                    f"Expected value of type '{self.type_.name}' but got: {inspect(result)}.",
                    field.nodes,
                )
        return self.run_fields(ex, result, path)

    def run_fields(self, ex: Executor, source: Any, path: Path | None) -> Any:
        """graphql-core's execute_fields: every field started in order, the awaitable ones
        gathered (or awaited alone)."""
        results: dict[str, Any] = {}
        is_awaitable = ex.is_awaitable
        awaitable_fields: list[str] = []
        try:
            for field in self.fields:
                if field.leaf:  # `run` for a default-resolved leaf
                    try:
                        value = getattr(source, field.attribute)
                        if type(value) is not field.unchanged:
                            value = field.completion.complete(ex, field, None, None, value)
                    except Exception as raw_error:
                        value = field.leaf_error(ex, raw_error, path)
                    results[field.key] = value
                    continue
                result = field.run(ex, source, path)
                results[field.key] = result
                if is_awaitable(result):
                    awaitable_fields.append(field.key)
        except Exception:
            if awaitable_fields:
                ex.settle_in_background([results[key] for key in awaitable_fields])
            raise
        if not awaitable_fields:
            return results
        return _gathered_fields(results, awaitable_fields)


async def _gathered_fields(results: dict[str, Any], awaitable_fields: list[str]) -> dict:
    if len(awaitable_fields) == 1:
        key = awaitable_fields[0]
        results[key] = await results[key]
    else:
        awaited = await gather_with_cancel(*(results[key] for key in awaitable_fields))
        results.update(zip(awaitable_fields, awaited, strict=True))
    return results


@dataclass(frozen=True, slots=True)
class OperationPlan:
    root: ObjectPlan
