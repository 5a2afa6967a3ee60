"""The outside programs a few tests drive, each asked for the exact component the test uses.

A test that needs LibreOffice Calc asks for Calc, not for any `soffice`: Debian splits LibreOffice into one package
per component, and `soffice --convert-to xlsx` without Calc exits 0 and writes nothing. Where a component is
missing the test skips with a reason that names the Debian package to install (`.ci/run` installs them all); where
it is there but a conversion writes nothing, the test fails saying so, with what LibreOffice printed.

| what            | Debian package     | tests                                                        |
|-----------------|--------------------|--------------------------------------------------------------|
| LibreOffice Calc   | libreoffice-calc   | test_forms: the form opened and saved again by Calc        |
|                    |                    | test_ledger_print: the ledger printed to PDF by Calc       |
| LibreOffice Writer | libreoffice-writer | test_docx: the bulletin and the 督办单 printed to PDF        |
| a Chinese font     | fonts-noto-cjk     | test_docx (line grid, text of the PDF), test_html_report   |
| Chromium           | chromium           | test_html_report: the bulletin in a browser, printed to A4 |
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

# The file each LibreOffice component installs into the suite's share/registry (one .xcd per Debian package).
COMPONENTS = {
    "calc": ("LibreOffice Calc", "libreoffice-calc"),
    "writer": ("LibreOffice Writer", "libreoffice-writer"),
}


def install_hint(package: str) -> str:
    return f"install Debian's {package} (apt-get install --no-install-recommends {package}; .ci/run does)"


def libreoffice_home(soffice: str) -> Path:
    """The installation folder of the suite behind the `soffice` found on PATH (/usr/lib/libreoffice on Debian)."""
    return Path(os.path.realpath(soffice)).parent.parent


def missing_component(component: str, soffice: str | None) -> str | None:
    """Why `component` cannot be used, naming the package to install; None when it can."""
    name, package = COMPONENTS[component]
    if soffice is None:
        return f"no LibreOffice (soffice is not on PATH): {install_hint(package)}"
    if not (libreoffice_home(soffice) / "share" / "registry" / f"{component}.xcd").is_file():
        return f"LibreOffice is installed without {name}: {install_hint(package)}"
    return None


def libreoffice(component: str) -> str:
    """The `soffice` to run for `component` ("calc" or "writer"), or the test is skipped with the package to install."""
    soffice = shutil.which("soffice")
    why = missing_component(component, soffice)
    if why:
        pytest.skip(why)
    return soffice


def missing_cjk_font() -> str | None:
    """Why Chinese text cannot be laid out with a real font (LibreOffice's and Chromium's PDFs), or None."""
    if shutil.which("fc-list") is None:
        return f"fontconfig is not installed: {install_hint('fonts-noto-cjk')}"
    found = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=60).stdout
    return None if found.strip() else f"no Chinese font: {install_hint('fonts-noto-cjk')}"


def cjk_font() -> None:
    why = missing_cjk_font()
    if why:
        pytest.skip(why)


def chromium() -> str:
    """Debian's Chromium, or the test is skipped with the package to install."""
    path = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")
    if path is None:
        pytest.skip(f"no Chromium: {install_hint('chromium')}")
    return path


def convert(soffice: str, target: str, files: list[Path], outdir: Path, *, home: Path) -> list[Path]:
    """`soffice --convert-to TARGET FILES --outdir OUTDIR` with its settings and font caches under `home`; the files
    it wrote, one per input. A conversion that fails, or that exits 0 and writes nothing, fails the test saying so."""
    run = subprocess.run(
        [soffice, f"-env:UserInstallation={(home / 'lo-profile').as_uri()}", "--headless", "--convert-to", target,
         *map(str, files), "--outdir", str(outdir)],
        capture_output=True, text=True, timeout=300, env={**os.environ, "HOME": str(home)})
    extension = target.split(":", 1)[0]
    made = [outdir / f"{f.stem}.{extension}" for f in files]
    missing = [p.name for p in made if not p.is_file()]
    if run.returncode != 0 or missing:
        said = (run.stdout + run.stderr).strip() or "(nothing)"
        what = f"exited {run.returncode}" if run.returncode else "exited 0 but wrote nothing"
        pytest.fail(f"LibreOffice's conversion to {target!r} {what} (missing: {', '.join(missing) or 'none'}); "
                    f"it printed: {said}", pytrace=False)
    return made
