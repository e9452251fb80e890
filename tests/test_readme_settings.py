"""The README's settings tables name every setting the service reads, and only those: a
setting added without a row, or a row left behind by a removed one, fails here."""

from __future__ import annotations

import re
from pathlib import Path

from server.settings import Settings

README = (Path(__file__).parent.parent / "README.md").read_text()


def table_rows() -> set[str]:
    """The variables named in a table row's first cell (one row may name two)."""
    cells = re.findall(r"^\| ([^|]*CTECR_[^|]*) \|", README, re.M)
    return {name for cell in cells for name in re.findall(r"`(CTECR_[A-Z0-9_]+)`", cell)}


def test_every_setting_has_a_row_and_every_row_a_setting():
    settings = {f"CTECR_{name.upper()}" for name in Settings.model_fields}
    rows = table_rows()
    assert sorted(settings - rows) == [], "settings without a README row"
    assert sorted(rows - settings) == [], "README rows naming no setting"
