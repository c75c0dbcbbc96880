"""Damaged recordings, as a hostile day makes them: torn, repeated, reordered, spliced, bad numbers, bad types,
huge, binary. `CASES` are named, one kind each (the test suite); `random_damage` stacks a few (`make trials`).
Every command must read each one without a traceback and say what is wrong."""

from __future__ import annotations

import contextlib
import json
import random
from collections.abc import Callable
from pathlib import Path

Damage = Callable[[list[bytes], random.Random], list[bytes]]  # the file's lines (header first) -> damaged lines


def _events(lines: list[bytes]) -> range:
    return range(1, len(lines))


def _edit_event(change: Callable[[dict[str, object]], None]) -> Damage:
    def damage(lines: list[bytes], rng: random.Random) -> list[bytes]:
        k = rng.choice(_events(lines))
        data = json.loads(lines[k])
        change(data)
        lines[k] = json.dumps(data, separators=(",", ":")).encode()
        return lines

    return damage


def _edit_header(change: Callable[[dict[str, object]], None]) -> Damage:
    def damage(lines: list[bytes], rng: random.Random) -> list[bytes]:
        data = json.loads(lines[0])
        change(data)
        lines[0] = json.dumps(data, separators=(",", ":")).encode()
        return lines

    return damage


def _raw_event(text: bytes) -> Damage:
    """Replace the value of "t_ns" in one line by raw JSON text (NaN, 1e29 … that json.dumps will not write)."""

    def damage(lines: list[bytes], rng: random.Random) -> list[bytes]:
        k = rng.choice(_events(lines))
        data = json.loads(lines[k])
        key = "delta_s" if b"delta_s" in text else "t_ns"
        data[key] = "@@"
        lines[k] = json.dumps(data, separators=(",", ":")).encode().replace(b'"@@"', text.split(b":", 1)[1])
        return lines

    return damage


def _duplicate(lines: list[bytes], rng: random.Random) -> list[bytes]:
    k = rng.choice(_events(lines))
    lines.insert(rng.randint(k + 1, len(lines)), lines[k])
    return lines


def _swap(lines: list[bytes], rng: random.Random) -> list[bytes]:
    k = rng.randint(1, len(lines) - 2)
    lines[k], lines[k + 1] = lines[k + 1], lines[k]
    return lines


def _delete(lines: list[bytes], rng: random.Random) -> list[bytes]:
    del lines[rng.randint(2, len(lines) - 1)]
    return lines


def _tear(lines: list[bytes], rng: random.Random) -> list[bytes]:
    k = rng.choice(_events(lines))
    lines[k] = lines[k][: rng.randint(1, max(1, len(lines[k]) - 1))]
    return lines


def _junk_line(lines: list[bytes], rng: random.Random) -> list[bytes]:
    junk = rng.choice([b"garbage", b"[1,2]", b'"text"', b"null", b"{}", b"\xff\xfe\x00", b"[" * 5000, b"{" * 100])
    lines.insert(rng.randint(1, len(lines)), junk)
    return lines


def _nul_tail(lines: list[bytes], rng: random.Random) -> list[bytes]:
    return [*lines, b"\x00" * rng.choice([1, 512, 4096])]


def _truncate_file(lines: list[bytes], rng: random.Random) -> list[bytes]:
    data = b"\n".join(lines)
    return data[: rng.randint(0, len(data))].split(b"\n")


def _binary_source(data: dict[str, object]) -> None:
    data["source_text"] = "name: !!binary aGVsbG8=\nabout: !!binary aGk=\nworkout: !!binary NngyMDBt\n"


def _bad_athletes(data: dict[str, object]) -> None:
    data["athletes"] = ["Ana", 3]


def _bad_steps(data: dict[str, object]) -> None:
    data["plan"] = {"steps": ["warm-up", 7]}


def _set(key: str, value: object) -> Callable[[dict[str, object]], None]:
    def change(data: dict[str, object]) -> None:
        data[key] = value

    return change


CASES: dict[str, Damage] = {
    "torn last line": lambda lines, rng: [*lines[:-1], lines[-1][: len(lines[-1]) // 2]],
    "torn line in the middle": _tear,
    "cut anywhere": _truncate_file,
    "a line repeated": _duplicate,
    "two lines swapped": _swap,
    "a line deleted": _delete,
    "a junk line": _junk_line,
    "a NUL-filled tail": _nul_tail,
    "delta NaN": _raw_event(b"delta_s:NaN"),
    "delta Infinity": _raw_event(b"delta_s:Infinity"),
    "delta 1e300": _raw_event(b"delta_s:1e300"),
    "t_ns 1e29": _raw_event(b"t_ns:100000000000000000000000000000"),
    "t_ns float": _raw_event(b"t_ns:1.5"),
    "t_ns negative": _raw_event(b"t_ns:-5"),
    "t_ns text": _edit_event(_set("t_ns", "soon")),
    "type unknown": _edit_event(_set("type", "sprint")),
    "athlete true": _edit_event(_set("athlete", True)),
    "athlete 50": _edit_event(_set("athlete", 50)),
    "a correction pointing nowhere": _edit_event(lambda d: d.update(type="correct", op="move", ref=9999)),
    "a correction without op": _edit_event(lambda d: d.update(type="correct")),
    "an extra field": _edit_event(_set("colour", "red")),
    "seq text": _edit_event(_set("seq", "7")),
    "header !!binary session": _edit_header(_binary_source),
    "header session not YAML": _edit_header(_set("source_text", "{[:\n\t- x")),
    "header name a number": _edit_header(_set("session_name", 42)),
    "header athletes not objects": _edit_header(_bad_athletes),
    "header steps not objects": _edit_header(_bad_steps),
    "header plan a list": _edit_header(_set("plan", [1, 2])),
    "header wall start garbage": _edit_header(_set("wall_start", "yesterday-ish")),
    "header wall seconds huge": _edit_header(_set("wall_start_unix_s", 1e300)),
    "header version 99": _edit_header(_set("version", 99)),
    "header id missing": _edit_header(lambda d: d.pop("recording_id", None)),
    "header not JSON": lambda lines, rng: [b"{not json", *lines[1:]],
    "header deep nesting": lambda lines, rng: [b"[" * 100_000, *lines[1:]],
    "empty file": lambda lines, rng: [b""],
}


def with_foreign_header(lines: list[bytes], other: list[bytes]) -> list[bytes]:
    """The header of another recording over these events (a file put together from two)."""
    return [other[0], *lines[1:]]


def with_foreign_lines(lines: list[bytes], other: list[bytes], rng: random.Random) -> list[bytes]:
    k = rng.randint(1, len(lines))
    return [*lines[:k], *other[1:4], *lines[k:]]


def damaged(original: bytes, name: str, seed: int) -> bytes:
    lines = original.rstrip(b"\n").split(b"\n")
    return b"\n".join(CASES[name](lines, random.Random(seed))) + b"\n"


def random_damage(original: bytes, other: bytes, seed: int) -> tuple[bytes, str]:
    """1-3 kinds of damage stacked (sometimes with lines or the header of `other`), and what was done."""
    rng = random.Random(seed)
    lines = original.rstrip(b"\n").split(b"\n")
    names = rng.sample(sorted(CASES), rng.randint(1, 3))
    for name in names:
        if len(lines) < 3:
            break
        # an earlier damage may have left nothing this one can work on
        with contextlib.suppress(ValueError, RecursionError, IndexError, KeyError, TypeError, AttributeError):
            lines = CASES[name](list(lines), rng)
    roll = rng.random()
    foreign = other.rstrip(b"\n").split(b"\n")
    if roll < 0.08:
        lines, names = with_foreign_header(lines, foreign), [*names, "foreign header"]
    elif roll < 0.16:
        lines, names = with_foreign_lines(lines, foreign, rng), [*names, "foreign lines"]
    return b"\n".join(lines) + b"\n", " + ".join(names)


def write_big_junk(path: Path, size_mb: int = 60) -> None:
    """A file far past any recording's size (sparse: instant to make)."""
    with path.open("wb") as out:
        out.write(b"junk " * 100)
        out.truncate(size_mb * 1024 * 1024)
