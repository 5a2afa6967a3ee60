"""Issue 24, deliver 2: every writer goes through the gate `check` is. `record`, `import` and `template
--add-date` refuse to start on a file `check` refuses (it used to feed it to the round-trip writer: tracebacks, and
34 s on a 2 MiB file), and refuse to write a file `check` would refuse, its size and value limits included (the
unit's whole file would then drop out of every view)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from gdtrack.files.loading import MAX_FILE_BYTES

from .conftest import CATALOGUE, NODES, PROGRESS

ECON = "区经济发展局.yaml"
OWN = ["1.1", "2.2", "5.1", "7.1", "8.1", "13.1", "13.2", "13.3", "26.1", "34.2"]  # numeric goals it owns


@pytest.fixture
def data(tmp_path):
    shutil.copy(CATALOGUE, tmp_path)
    shutil.copy(NODES, tmp_path)
    shutil.copytree(PROGRESS, tmp_path / "progress")
    return tmp_path / CATALOGUE.name, tmp_path / "progress"


BROKEN = [
    ("a YAML tag", "unit: 区经济发展局\nreports: !!python/object:os.system []\n"),
    ("not a mapping", "- unit: 区经济发展局\n"),
    ("an unknown goal", 'unit: 区经济发展局\nreports:\n  - as_of: 2023-09-30\n    entries:\n'
                        '      - {indicator: "99.9", value: 1}\n'),
]


@pytest.mark.parametrize(("what", "text"), BROKEN, ids=[b[0] for b in BROKEN])
def test_add_date_refuses_a_file_check_refuses_and_leaves_it_alone(cli, data, what, text):
    cat, prog = data
    path = prog / ECON
    path.write_text(text, encoding="utf-8")
    result = cli("template", "经发局", "--as-of", "2023-10-31", "-o", path, "--add-date", "-c", cat, "-p", prog)
    assert result.exit_code == 1, (what, result.output)
    assert "未改动" in result.output and "Traceback" not in result.output, result.output
    assert path.read_text(encoding="utf-8") == text


def test_record_refuses_a_file_with_errors_even_outside_the_checked_folder(cli, data, tmp_path):
    """The library refuses too: a writer that does not come through the CLI's own check gets the same answer."""
    from gdtrack.files.loading import load_catalogue
    from gdtrack.repository.recording import Item, RecordError, record_many

    cat = load_catalogue(data[0]).model
    path = tmp_path / "elsewhere" / ECON
    path.parent.mkdir()
    path.write_text(BROKEN[2][1], encoding="utf-8")
    with pytest.raises(RecordError) as refused:
        record_many(cat, path, "区经济发展局", dt.date(2023, 10, 31), [Item("7.1", 20)])
    assert refused.value.said.key == "diag.record.has_errors"
    assert [d.code for d in refused.value.diagnostics] == ["unknown-indicator"]


def big_file(target: int) -> str:
    """A valid progress file of 区经济发展局 just under `target` bytes (within one entry): daily reports of its
    goals with long notes."""
    lines = ["unit: 区经济发展局", "reports:"]
    note = "说" * 600  # 1,800 bytes of UTF-8
    day, size, i = dt.date(2023, 1, 1), 0, 0
    while True:
        entry = [f'      - indicator: "{OWN[i % len(OWN)]}"', f"        value: {i}", f"        note: {note}",
                 "        evidence: 台账"]
        if i % len(OWN) == 0:
            entry = [f"  - as_of: {day + dt.timedelta(days=i // len(OWN))}", "    entries:", *entry]
        cost = sum(len(x.encode()) + 1 for x in entry)
        if size + cost > target - 40:
            return "\n".join(lines) + "\n"
        lines += entry
        size, i = size + cost, i + 1


def test_a_write_that_would_pass_the_size_limit_is_refused(cli, data):
    cat, prog = data
    path = prog / ECON
    text = big_file(MAX_FILE_BYTES - 1500)
    path.write_text(text, encoding="utf-8")
    size = len(text.encode())
    assert MAX_FILE_BYTES - 4_000 < size <= MAX_FILE_BYTES - 1500
    assert cli("check", "-c", cat, "-p", prog).exit_code == 0  # the file as it is passes
    note = "新" * 1900  # 5,700 bytes: the file would pass 2 MiB
    result = cli("record", "经发局", "--as-of", "2023-11-30", "7.1=20", "--note", note, "--evidence", "台账",
                 "-c", cat, "-p", prog)
    assert result.exit_code == 1 and "超过上限" in result.output and "未改动" in result.output, result.output
    assert path.read_text(encoding="utf-8") == text
    small = cli("record", "经发局", "--as-of", "2023-11-30", "7.1=20", "--evidence", "台账", "-c", cat, "-p", prog)
    assert small.exit_code == 0, small.output


def test_all_or_nothing_holds_every_forms_lock_from_its_check_to_its_last_write(cli, tmp_path, monkeypatch):
    """A `record` that lands between the dry run and the writes used to make the batch write 20 of 21 forms. Now
    the other writer waits for the whole batch, which writes every form, and then finds the figure taken."""
    import threading

    import gdtrack.repository.importing as forms
    from gdtrack.files.loading import load_catalogue
    from gdtrack.repository.recording import Item, RecordError, record_many

    from .plus import plus_data
    from .test_forms import fill, import_, make_form

    cat, prog = plus_data(tmp_path)
    good = fill(make_form(cli, cat, prog, tmp_path / "经发局.xlsx"), {"I5": 25, "K5": "台账"})
    farm = fill(make_form(cli, cat, prog, tmp_path / "农业.xlsx", "区农业服务中心"), {"I5": 1, "K5": "台账"})
    model = load_catalogue(cat).model
    outcome: dict[str, object] = {}
    real = forms._record

    def other_writer():  # another clerk's `record` of the same figure, in the same instant
        try:
            record_many(model, prog / "区农业服务中心.yaml", "区农业服务中心", dt.date(2023, 10, 31),
                        [Item("2.1", 3, evidence="台账")])
            outcome["other"] = "written"
        except RecordError as exc:
            outcome["other"] = exc.refusals[0].said.key if exc.refusals else exc.said.key

    def spy(*args, **kwargs):
        real(*args, **kwargs)
        if kwargs.get("dry_run", args[5] if len(args) > 5 else False) and "thread" not in outcome:
            outcome["thread"] = thread = threading.Thread(target=other_writer)
            thread.start()
            thread.join(1.0)  # it waits on the lock the batch holds: not done yet
            outcome["during"] = outcome.get("other")

    monkeypatch.setattr(forms, "_record", spy)
    result = import_(cli, cat, prog, good, farm, all_or_nothing=True)
    outcome["thread"].join(30)
    assert result.exit_code == 0, result.output
    assert outcome["during"] is None  # the other writer did not get in between
    assert outcome["other"] == "diag.record.already"  # it came after, and found the figure recorded
    assert "value: 25" in (prog / "区经济发展局.yaml").read_text(encoding="utf-8")
    assert "value: 1\n" in (prog / "区农业服务中心.yaml").read_text(encoding="utf-8")
