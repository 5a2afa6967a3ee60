"""The peak memory of `gdtrack import` on the worst form its bounds let through (issue 24: a 215 KB form used to take
8.66 GB). Run from the repository root with the project installed in a venv:

    .venv/bin/python bench/forms_memory.py            # prints one line for bench/README.md

The form is the one `template` writes for 区经济发展局, with shared strings just under the 16 MB part limit (1,600
strings of 10,000 characters less a few, the cell limit) and a sheet of 5,000 rows × 45 cells that all refer to them.
Peak resident memory is read with GNU time (`/usr/bin/time -f %M`) or, without it, from the child's rusage.
"""

from __future__ import annotations

import io
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MIB = 300
SHARED = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
          "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings")


def _column(c: int) -> str:
    out, c = "", c + 1
    while c:
        c, r = divmod(c - 1, 26)
        out = chr(65 + r) + out
    return out


def worst_form(blank: bytes) -> bytes:
    strings = 1600
    sst = ['<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
           f'2006/main" count="{strings}" uniqueCount="{strings}">']
    sst += [f"<si><t>字{i}{'x' * 9990}</t></si>" for i in range(strings)]
    sst.append("</sst>")
    rows = ["".join(f'<c r="{_column(c)}{r}" t="s"><v>{(r * 64 + c) % strings}</v></c>' for c in range(45))
            for r in range(1, 5001)]
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             'spreadsheetml/2006/main"><dimension ref="A1:AS5000"/><sheetData>'
             + "".join(f'<row r="{r}">{cells}</row>' for r, cells in enumerate(rows, 1))
             + "</sheetData></worksheet>")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blank)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = sheet.encode()
            elif name == "[Content_Types].xml":
                data = data.replace(b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType='
                                    f'"{SHARED[0]}"/></Types>'.encode())
            elif name == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", f'<Relationship Id="rIdS" Type="{SHARED[1]}" '
                                    'Target="sharedStrings.xml"/></Relationships>'.encode())
            zout.writestr(name, data)
        zout.writestr("xl/sharedStrings.xml", "".join(sst))
    return out.getvalue()


def main() -> int:
    gdtrack = str(Path(sys.executable).parent / "gdtrack")
    env = {**os.environ, "GDTRACK_CACHE": "off"}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "data" / "progress", work / "progress")
        blank = work / "blank.xlsx"
        subprocess.run([gdtrack, "template", "经发局", "--as-of", "2023-10-31", "-o", str(blank), "-c",
                        str(ROOT / "data" / "tasks_2023.yaml"), "-p", str(work / "progress")], env=env, check=True,
                       capture_output=True)
        form = work / "worst.xlsx"
        form.write_bytes(worst_form(blank.read_bytes()))
        cmd = [gdtrack, "import", str(form), "-c", str(ROOT / "data" / "tasks_2023.yaml"), "-p", str(work / "progress")]
        start = time.perf_counter()
        if Path("/usr/bin/time").exists():
            done = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], env=env, capture_output=True, text=True)
            peak_kib = int(done.stderr.strip().splitlines()[-1])
        else:
            done = subprocess.run(cmd, env=env, capture_output=True, text=True)
            peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        took = time.perf_counter() - start
        size = form.stat().st_size
    peak = peak_kib / 1024
    verdict = "met" if peak <= BUDGET_MIB else "MISSED"
    print(f"| import of the worst bounded form ({size / 1e6:.2f} MB on disk, ~24 MB inflated) | {took:.2f} s | "
          f"{peak:.0f} MiB | ≤ {BUDGET_MIB} MiB: {verdict} (exit {done.returncode}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
