"""Which normalisation steps a staged text column can skip, judged from its raw UTF-8 bytes.

Normalising a national file (trim every value, upper-case the codes) copies every string, and that
copy is a good share of an import's time. Most files are clean: no value starts or ends with a
space, codes are already in capitals. This module looks at the Arrow buffers directly (numpy over
the value bytes, no Python loop per value) and says, per column, whether a step could change
anything. The test is conservative: a column is only declared clean when no byte could be part of
what the step changes (a space inside a value is enough to keep trim), so a skipped step always
gives the same result as running it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

_OFFSETS = {pa.string(): np.int32, pa.large_string(): np.int64}


@dataclass(frozen=True)
class TextProfile:
    """What normalising one column could change (True = the step must run)."""

    trim: bool = True
    upper: bool = True
    spaces: bool = True


UNKNOWN = TextProfile()
#: A column that normalising leaves exactly as it is (apart from empty -> NULL).
AS_IS = TextProfile(trim=False, upper=False, spaces=False)


def profile_columns(table: pa.Table) -> dict[str, TextProfile]:
    """A profile per text column of ``table`` (other columns are left out: normalise them fully)."""
    return {name: _profile(column) for name, column in zip(table.column_names, table.columns, strict=True)}


def _profile(column: pa.ChunkedArray) -> TextProfile:
    if column.type not in _OFFSETS:
        return UNKNOWN
    trim = upper = spaces = False
    for chunk in column.chunks:
        data = _bytes_of(chunk, _OFFSETS[column.type])
        if data.size == 0:
            continue
        # Every character trim() removes is a space or starts with a byte >= 0xC2 (it is U+00A0 or
        # above), and upper() changes only a-z and non-ASCII characters.
        non_ascii = bool(data.max() >= 0x80)
        has_space = bool((data == 0x20).any())
        spaces = spaces or has_space
        trim = trim or has_space or non_ascii
        upper = upper or non_ascii or bool(((data - np.uint8(ord("a"))) < 26).any())
        if trim and upper:
            break
    return TextProfile(trim=trim, upper=upper, spaces=spaces)


def _bytes_of(chunk: pa.Array, offset_type: type) -> np.ndarray:
    """The bytes of the chunk's values, end to end (a view: nothing is copied)."""
    _, offsets_buffer, data_buffer = chunk.buffers()
    if offsets_buffer is None or data_buffer is None or len(chunk) == 0:
        return np.zeros(0, dtype=np.uint8)
    offsets: np.ndarray = np.frombuffer(offsets_buffer, dtype=offset_type)
    first, last = offsets[chunk.offset], offsets[chunk.offset + len(chunk)]
    return np.frombuffer(data_buffer, dtype=np.uint8)[first:last]


# --------------------------------------------------------------------------------------------
# Fixed-width patterns proven over a whole column

_ATOM = re.compile(r"\[([^\]]+)\]|([0-9A-Za-z])")
_COUNT = re.compile(r"\{([0-9]+)\}")

#: A character class as inclusive byte ranges, e.g. ``((48, 57), (65, 90))`` for ``[0-9A-Z]``.
CharClass = tuple[tuple[int, int], ...]


def fixed_width_classes(pattern: str) -> list[tuple[CharClass, int]] | None:
    """The pattern as runs of (class, repeat) for a pattern that is only fixed characters and
    ``[...]`` classes of ASCII letters and digits, each optionally repeated ``{n}`` times
    (``[0-9]{4}01[0-9]{10}``, ``BU[0-9]{4}[0-9A-Z]{2}[0-9A-Z]{2}``); None for anything else."""
    runs: list[tuple[CharClass, int]] = []
    position = 0
    while position < len(pattern):
        atom = _ATOM.match(pattern, position)
        if atom is None:
            return None
        char_class = _char_class(atom.group(1) or atom.group(2))
        if char_class is None:
            return None
        position = atom.end()
        count = _COUNT.match(pattern, position)
        repeat = int(count.group(1)) if count else 1
        position = count.end() if count else position
        if runs and runs[-1][0] == char_class:
            runs[-1] = (char_class, runs[-1][1] + repeat)
        else:
            runs.append((char_class, repeat))
    return runs or None


def _char_class(members: str) -> CharClass | None:
    ranges: list[tuple[int, int]] = []
    index = 0
    while index < len(members):
        if index + 2 < len(members) and members[index + 1] == "-":
            low, high = members[index], members[index + 2]
            index += 3
        else:
            low = high = members[index]
            index += 1
        if not (low.isascii() and high.isascii() and low.isalnum() and high.isalnum() and low <= high):
            return None
        ranges.append((ord(low), ord(high)))
    return tuple(ranges)


def pattern_holds(column: pa.ChunkedArray, pattern: str) -> bool:
    """Does every value of ``column`` match the fixed-width ``pattern`` as it stands (no value empty
    or null)? False when that cannot be shown this way, which says nothing about the values."""
    runs = fixed_width_classes(pattern)
    if runs is None or column.type not in _OFFSETS or column.null_count:
        return False
    width = sum(repeat for _, repeat in runs)
    for chunk in column.chunks:
        _, offsets_buffer, data_buffer = chunk.buffers()
        if len(chunk) == 0:
            continue
        if offsets_buffer is None or data_buffer is None:
            return False
        offsets = np.frombuffer(offsets_buffer, dtype=_OFFSETS[column.type])
        offsets = offsets[chunk.offset : chunk.offset + len(chunk) + 1]
        if not bool((np.diff(offsets) == width).all()):
            return False
        values = np.frombuffer(data_buffer, dtype=np.uint8)[offsets[0] : offsets[-1]].reshape(-1, width)
        start = 0
        for char_class, repeat in runs:
            if not _all_in(values[:, start : start + repeat], char_class):
                return False
            start += repeat
    return True


def digits_only(column: pa.ChunkedArray) -> bool:
    """Is every byte of every value an ASCII digit (empty values allowed)? Then each filled value is a
    whole number as it stands. False when that cannot be shown this way."""
    if column.type not in _OFFSETS:
        return False
    digits: CharClass = ((0x30, 0x39),)
    return all(_all_in(_bytes_of(chunk, _OFFSETS[column.type]), digits) for chunk in column.chunks)


def _all_in(block: np.ndarray, char_class: CharClass) -> bool:
    """Every byte of ``block`` in one of the ranges (uint8 arithmetic: b - low wraps below low)."""
    inside = np.zeros(block.shape, dtype=bool)
    for low, high in char_class:
        inside |= (block - np.uint8(low)) <= np.uint8(high - low)
    return bool(inside.all())
