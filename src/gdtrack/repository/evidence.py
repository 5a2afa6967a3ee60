"""Evidence files (佐证材料): a photo, a scanned 批复, a contract, stored in the data repository beside the figures
they support, and named in the entry (`attachments:` of gdtrack.models.Entry) by path, size and SHA-256.

Layout, under the data repository's root (the folder of gdtrack.toml, else the folder that holds `data/`):

    data/evidence/<unit>/<YYYY-MM-DD>/<the file's own name>

`<unit>` is the unit's full name, the stem of its progress file (already a safe file name on Windows and POSIX,
gdtrack.files.unitnames); the office's own files (`unit=None`, the 销号 of `close --attach`) go in `_office`.
`<YYYY-MM-DD>` is the report's date (`undated` without one). A file with the same bytes as one already stored for
the unit is not stored again: its Attachment is the one already there. A different file of the same name is stored
as `NAME-2.EXT`, `NAME-3.EXT` …: a stored file is never overwritten. Each copy goes through a temporary file and
one rename (gdtrack.files.writing.atomic_write), under the unit folder's lock.

Bounds: MAX_EVIDENCE_BYTES a file; the types of KINDS, by extension and by their first bytes; a name without path
parts, control or format characters, or anything Windows cannot name. Every refusal is an EvidenceError with one
Message (`evidence.<key>` in gdtrack/words) and what to do.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from gdtrack.checks.evidence import EVIDENCE_FOLDER, files_under, sha256_of
from gdtrack.diagnostics import LoadError
from gdtrack.files.safeio import read_bounded
from gdtrack.files.unitnames import name_problem, why_not_a_name
from gdtrack.files.writing import atomic_write, locked
from gdtrack.models import Attachment, visible
from gdtrack.values import Frozen, frozen
from gdtrack.words import Message, Said
from gdtrack.words import text as text_of

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
"""20 MiB a file: a scanned 批复 of a few pages or a phone photo is well under it; a file over it is refused (scan
in black and white at 200–300 dpi, or send the pages that matter). Git keeps every version of every file, so this
is also what one piece of evidence can add to every clone of the repository."""
MAX_NAME_CHARS = 120
OFFICE_FOLDER = "_office"
UNDATED = "undated"

# What a department sends as 佐证: scans and photos (pdf, jpg/jpeg, png), Office documents (docx, xlsx, and the older
# doc, xls many offices still save) and OFD (GB/T 33190, the format of China's electronic 公文). Each is known by its
# extension AND its first bytes, so an .exe renamed .pdf is refused; the zip-based ones also by the part that makes
# them what they are (word/document.xml, xl/workbook.xml, OFD.xml). Not zip, rar or 7z: an archive hides what it
# holds from `check` and from whoever reviews the change (and may hold anything, programs included): send the files
# themselves. Not .wps/.et: save them as .docx/.xlsx or .pdf.
KINDS: dict[str, str] = {".pdf": "pdf", ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".docx": "docx",
                         ".xlsx": "xlsx", ".doc": "ole", ".xls": "ole", ".ofd": "ofd"}
_ZIP = b"PK\x03\x04"
_MAGIC = {"pdf": b"%PDF-", "jpeg": b"\xff\xd8\xff", "png": b"\x89PNG\r\n\x1a\n",
          "ole": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "docx": _ZIP, "xlsx": _ZIP, "ofd": _ZIP}
_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "ofd": "OFD.xml"}
TYPES = "pdf、jpg、png、docx、xlsx、doc、xls、ofd"


class EvidenceError(Said, Exception):
    """A file refused as evidence: `said` says why, `advice` what to do (Messages); nothing was stored."""

    def __init__(self, key: str, hint: str | None = None, **values: object):
        self.said = Message(f"evidence.{key}", values)
        self.advice = Message(f"evidence.{hint or key + '_hint'}", values)
        super().__init__(text_of(self.said, "en"))


@frozen
class Vetted(Frozen):
    """A file that may be stored: its name, bytes and SHA-256 (read once, so what is stored is what was vetted)."""

    name: str
    data: bytes
    sha256: str


def vet_evidence(source: Path, limit: int = MAX_EVIDENCE_BYTES) -> Vetted:
    """`source` read and judged as evidence, nothing written: an EvidenceError says why it cannot be stored."""
    name = source.name
    _vet_name(name)
    try:
        if not source.is_file():
            raise EvidenceError("missing" if not source.exists() else "not_a_file", file=str(source))
        size = source.stat().st_size
        if size > limit:
            raise EvidenceError("too_large", file=str(source), size=f"{size:,}", limit=f"{limit:,}",
                                mib=limit // (1024 * 1024))
        data = read_bounded(source, limit, str(source))
    except LoadError as exc:
        raise EvidenceError("unreadable", file=str(source), why=exc.said) from None
    except OSError as exc:
        from gdtrack.words.foreign import os_reason

        raise EvidenceError("unreadable", file=str(source), why=os_reason(exc)) from None
    if not data:
        raise EvidenceError("empty", file=str(source))
    kind = KINDS[Path(name).suffix.lower()]
    if not data.startswith(_MAGIC[kind]) or (kind in _PART and not _has_part(data, _PART[kind])):
        raise EvidenceError("not_its_type", file=str(source), ext=Path(name).suffix.lower().lstrip("."))
    return Vetted(name, data, hashlib.sha256(data).hexdigest())


def _vet_name(name: str) -> None:
    """The file's own name can be stored as it is: a plain file name of a type KINDS holds."""
    shown = repr(name) if len(name) <= 60 else repr(name[:57] + "…")
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in name):  # Cf: bidi overrides that disguise "gnp.exe"
        raise EvidenceError("bad_name", file=shown, why=Message("unitnames.control", {"code": next(
            ord(c) for c in name if unicodedata.category(c) in ("Cc", "Cf"))}))
    if (why := why_not_a_name(name)) is not None:
        raise EvidenceError("bad_name", file=shown, why=why)
    if not visible(Path(name).stem) or len(name) > MAX_NAME_CHARS:
        raise EvidenceError("long_name", file=shown, max=MAX_NAME_CHARS)
    if Path(name).suffix.lower() not in KINDS:
        raise EvidenceError("type", file=shown, ext=Path(name).suffix.lstrip(".") or "—", types=TYPES)


def _has_part(data: bytes, part: str) -> bool:
    """The zip in `data` holds `part` (read from its central directory only)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return part in set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def unit_folder(root: Path, unit: str | None) -> Path:
    """The folder of a unit's evidence (None: the office's)."""
    if unit is not None and (problem := name_problem(unit)) is not None:
        raise EvidenceError("bad_unit", "bad_name_hint", unit=unit, why=problem)
    return root / EVIDENCE_FOLDER / (OFFICE_FOLDER if unit is None else unit)


def _stored_as(root: Path, vetted: Vetted, unit: str | None, as_of: dt.date | None) -> tuple[Path, bool]:
    """Where `vetted` is (the same bytes already stored for the unit: False) or would go (a free name: True)."""
    base = unit_folder(root, unit)
    for found in files_under(base):
        with contextlib.suppress(OSError):
            if found.stat().st_size == len(vetted.data) and sha256_of(found) == vetted.sha256:
                return found, False
    folder = base / (as_of.isoformat() if as_of is not None else UNDATED)
    stem, ext = Path(vetted.name).stem, Path(vetted.name).suffix
    target, n = folder / vetted.name, 1
    while os.path.lexists(target):
        n += 1
        target = folder / f"{stem}-{n}{ext}"
    return target, True


def _attachment(root: Path, path: Path, vetted: Vetted) -> Attachment:
    return Attachment(path.relative_to(root).as_posix(), vetted.sha256, len(vetted.data))


def plan_evidence(root: Path, vetted: Vetted, unit: str | None, as_of: dt.date | None) -> Attachment:
    """The Attachment storing `vetted` would give, nothing written (for a dry run)."""
    return _attachment(root, _stored_as(root, vetted, unit, as_of)[0], vetted)


def store_vetted(root: Path, vetted: Vetted, unit: str | None, as_of: dt.date | None) -> tuple[Attachment, bool]:
    """Store `vetted` (see the module's layout): its Attachment, and whether a new file was written (False: the
    same bytes were there already)."""
    base = unit_folder(root, unit)
    base.mkdir(parents=True, exist_ok=True)
    with locked(base):  # one writer of the unit's evidence at a time: no two pick the same free name
        target, new = _stored_as(root, vetted, unit, as_of)
        if new:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, vetted.data)
    return _attachment(root, target, vetted), new


def store_evidence(root: Path, source: Path, unit: str | None, as_of: dt.date | None) -> Attachment:
    """Copy `source` into the data repository at `root` as evidence of `unit` (None: the office) dated `as_of`,
    and return its Attachment to write into the entry (or the office's decision). The same bytes stored already
    give the same Attachment; an EvidenceError refuses the file (type, size, name) with nothing written."""
    return store_vetted(root, vet_evidence(source), unit, as_of)[0]


def discard(root: Path, attachments: Iterable[Attachment]) -> None:
    """Remove the files just stored for `attachments` (a write that then failed: nothing is left half-way)."""
    for a in attachments:
        with contextlib.suppress(OSError):
            (root / a.file).unlink()


def evidence_root(located) -> Path:
    """The data repository's root for a run's location (gdtrack.repository.opened.Located): the folder of
    gdtrack.toml, else the folder that holds the progress folder's `data/`, else the progress folder's parent."""
    return located.project.root if located.project is not None else root_of(located.progress)


def root_of(progress: Path) -> Path:
    """The data repository's root seen from a progress folder without gdtrack.toml: the folder holding the `data/`
    it is in (data/progress → .), else the progress folder's parent."""
    from gdtrack.files.project import find_root

    if (found := find_root(Path(os.path.abspath(progress)))) is not None:
        return found
    progress = Path(os.path.abspath(progress))
    for folder in (progress, *progress.parents):
        if folder.name == "data":
            return folder.parent
    return progress.parent
