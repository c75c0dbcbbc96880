"""File names from people's names, in any script, and files that are never overwritten by accident.

`Zoë` and `Zoé` stay `zoë` and `zoé` where the file system takes Unicode (every desktop one does); where it
does not, or for a watch's folder, names are transliterated by anyascii (`李娜` → `lina`, `Дмитрий` →
`dmitriy`) and a number is added when two come out the same (`zoe`, `zoe-2`). A file that exists is kept:
the new one gets the next free number, unless the caller asked to replace it.
"""

from __future__ import annotations

import errno
import os
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from anyascii import anyascii

MAX_PART = 60  # characters of a name in a file name
# Names Windows refuses for a file, whatever its extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}


def _keep(char: str) -> bool:
    """Letters, marks (the vowel signs of Devanagari, Arabic harakat) and digits of any script."""
    return unicodedata.category(char)[0] in "LMN"


def name_part(name: str, ascii_only: bool = False) -> str:
    """`Zoë Ñúñez` → `zoë-ñúñez` (`zoe-nunez` with ascii_only); "" when nothing readable is left."""
    text = unicodedata.normalize("NFC", name).lower()
    if ascii_only:
        text = anyascii(text).lower()
    part = re.sub(r"-+", "-", "".join(c if _keep(c) else "-" for c in text)).strip("-")
    part = part[:MAX_PART].rstrip("-")
    if ascii_only:
        part = re.sub(r"[^a-z0-9-]", "", part)
    return "" if part in _RESERVED else part


def name_parts(names: Sequence[str], ascii_only: bool = False) -> list[str]:
    """A distinct part for each name, in order: a clash (also one that differs only in case or accents on a
    file system that ignores them) gets `-2`, `-3`; a name with nothing readable is `athlete-N`."""
    parts: list[str] = []
    taken: set[str] = set()
    for number, name in enumerate(names, start=1):
        part = name_part(name, ascii_only) or f"athlete-{number}"
        candidate, n = part, 2
        while _key(candidate) in taken:
            candidate, n = f"{part}-{n}", n + 1
        taken.add(_key(candidate))
        parts.append(candidate)
    return parts


def _key(part: str) -> str:
    """What a case-insensitive, normalising file system (macOS, Windows) compares."""
    return unicodedata.normalize("NFD", part).casefold()


def unicode_names_work(folder: Path) -> bool:
    """Whether file names in `folder` can carry any Unicode letter (the encoding of file names takes it)."""
    try:
        os.fsencode(str(folder / "zoë-李娜"))
    except UnicodeError:
        return False
    return True


def write_new(path: Path, data: bytes, overwrite: bool = False) -> Path:
    """Write `data` to `path`, or to `stem-2.ext`, `stem-3.ext`… when it exists (unless `overwrite`); returns
    the file written. Raises OSError when the folder cannot be written."""
    if overwrite:
        path.write_bytes(data)
        return path
    candidate, n = path, 2
    while True:
        try:
            with candidate.open("xb") as handle:
                handle.write(data)
            return candidate
        except FileExistsError:
            candidate, n = path.with_name(f"{_stem(path)}-{n}{_suffix(path)}"), n + 1


def _suffix(path: Path) -> str:
    """`.kick.jsonl`-style double suffixes stay whole: `a.session.yaml` → `.session.yaml`."""
    suffixes = path.suffixes[-2:] if len(path.suffixes) >= 2 and path.suffixes[-2] == ".session" else path.suffixes[-1:]
    return "".join(suffixes)


def _stem(path: Path) -> str:
    return path.name[: len(path.name) - len(_suffix(path))]


def is_name_refused(error: OSError) -> bool:
    """The file system refused the name itself (a character it cannot store), not the folder or the disk."""
    return error.errno in (errno.EILSEQ, errno.EINVAL, errno.ENAMETOOLONG)
