"""Global object ids for `Node`: base64 of "<TypeName>:<id>", opaque to clients."""

from __future__ import annotations

import base64
import binascii


def to_global_id(type_name: str, local_id: str) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{local_id}".encode()).decode().rstrip("=")


def from_global_id(global_id: str) -> tuple[str, str] | None:
    """(type name, local id), or None for anything that is not one of our ids."""
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        text = base64.urlsafe_b64decode(padded.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    type_name, _, local_id = text.partition(":")
    return (type_name, local_id) if type_name and local_id else None


def local_id(global_id: str, type_name: str) -> str | None:
    """The local id if `global_id` names an object of `type_name`."""
    decoded = from_global_id(global_id)
    return decoded[1] if decoded and decoded[0] == type_name else None
