"""Dates as readers see them: records, notices and the programme all write partial ISO
dates (`2021`, `2021-06`, `2021-06-30`) and show them the same way."""

from __future__ import annotations

import calendar


def date_label(value: str) -> str:
    """`2021-06-30` -> `30 June 2021`; `2021-06` -> `June 2021`; `2021` stays."""
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {calendar.month_name[int(parts[1])]} {parts[0]}"
    if len(parts) == 2:
        return f"{calendar.month_name[int(parts[1])]} {parts[0]}"
    return value
