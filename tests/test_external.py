"""The guards of the tests that drive outside programs: a missing component skips naming its Debian package, and a
conversion that writes nothing fails saying so (not as a missing file deep inside zipfile)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from . import external

posix = pytest.mark.skipif(os.name == "nt", reason="a shell script stands in for soffice")


def fake_libreoffice(root: Path, components: list[str], script: str = "exit 0") -> str:
    """A LibreOffice installation laid out as Debian's: program/soffice, and one share/registry/*.xcd a component."""
    program = root / "program"
    registry = root / "share" / "registry"
    program.mkdir(parents=True)
    registry.mkdir(parents=True)
    (registry / "main.xcd").write_text("")
    for c in components:
        (registry / f"{c}.xcd").write_text("")
    soffice = program / "soffice"
    soffice.write_text(f"#!/bin/sh\n{script}\n")
    soffice.chmod(0o755)
    link = root / "bin" / "soffice"  # as /usr/bin/soffice links into /usr/lib/libreoffice/program
    link.parent.mkdir()
    link.symlink_to(soffice)
    return str(link)


@posix
def test_writer_without_calc_names_the_calc_package(tmp_path: Path):
    soffice = fake_libreoffice(tmp_path, ["writer"])
    assert external.missing_component("writer", soffice) is None
    why = external.missing_component("calc", soffice)
    assert why is not None and "without LibreOffice Calc" in why and "libreoffice-calc" in why


def test_no_libreoffice_names_the_package_of_the_component_asked_for():
    assert "libreoffice-writer" in external.missing_component("writer", None)
    assert "libreoffice-calc" in external.missing_component("calc", None)


@posix
def test_a_conversion_that_writes_nothing_fails_saying_so(tmp_path: Path):
    soffice = fake_libreoffice(tmp_path / "lo", ["calc"], script="echo 'convert: no export filter' >&2; exit 0")
    form = tmp_path / "经发局.xlsx"
    form.write_bytes(b"PK")
    with pytest.raises(pytest.fail.Exception) as failed:
        external.convert(soffice, "xlsx:Calc MS Excel 2007 XML", [form], tmp_path / "out", home=tmp_path)
    said = str(failed.value)
    assert "exited 0 but wrote nothing" in said and "经发局.xlsx" in said and "no export filter" in said


@posix
def test_a_conversion_that_writes_its_files_returns_them(tmp_path: Path):
    out = tmp_path / "out"
    soffice = fake_libreoffice(tmp_path / "lo", ["writer"], script=f"mkdir -p '{out}' && : > '{out}/通报.pdf'")
    doc = tmp_path / "通报.docx"
    doc.write_bytes(b"PK")
    assert external.convert(soffice, "pdf", [doc], out, home=tmp_path) == [out / "通报.pdf"]
