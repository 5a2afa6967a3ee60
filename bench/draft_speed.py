"""How long `gdtrack draft` takes on a 70-task plan (issue 25: under a second), and on a 1,400-task one (issue 27:
growth no worse than linear). Run from the repository root with the project installed in a venv:

    .venv/bin/python bench/draft_speed.py            # prints two lines for bench/README.md

The plan is our own 2023 plan (../shared/seed, 68 tasks) with two tasks of the same genre added to its last chapter,
or, without the seed text, 70 tasks of invented wording in 7 chapters. It times the library call (`draft` and the
YAML it writes, median of 7 runs after a warm-up) and the whole command (`gdtrack draft FILE -o OUT`, start-up
included, median of 5).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "jining-etdz-2023-key-tasks.txt"
BUDGET_S = 1.0
EXTRA = ("69. 扩大托育服务供给。新增托位120个，每千人口托位数达到4.2个。"
         "（牵头单位：区经济发展局、市卫健委经开区管理办公室）\n"
         "70. 推动企业上市挂牌。年内力争2家企业完成股改，1家企业实现新三板挂牌。"
         "（牵头单位：区经济发展局、区金融和国资管理局）\n")


def _cn(n: int) -> str:
    """1 → 一, 14 → 十四, 20 → 二十 (chapter numbers up to 99)."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else digits[tens]) + "十" if tens else "") + (digits[ones] if ones else "")


def invented(n_tasks: int) -> str:
    """A plan of `n_tasks` tasks of invented wording, 100 a chapter (task numbers of up to four digits)."""
    lines = ["测试区2024年重点工作任务", "测试办发〔2024〕1号"]
    for n in range(n_tasks):
        if n % 100 == 0:
            lines.append(f"{_cn(n // 100 + 1)}、第{n // 100 + 1}部分")
        lines.append(f"{n + 1}. 推进第{n + 1}项工作。新增企业{n + 3}家，完成投资{n + 1}亿元，覆盖率达到90%以上。"
                     "（牵头单位：区经济发展局、区投资促进局）")
    return "\n".join(lines) + "\n"


def plan_text() -> str:
    if SEED.is_file():
        text = SEED.read_text(encoding="utf-8")
        at = text.index("68. ")
        end = text.index("\n", at) + 1
        return text[:end] + EXTRA + text[end:]
    lines = ["测试区2024年重点工作任务", "测试办发〔2024〕1号"]
    for n in range(70):
        if n % 10 == 0:
            lines.append(f"{'一二三四五六七'[n // 10]}、第{n // 10 + 1}部分")
        lines.append(f"{n + 1}. 推进第{n + 1}项工作。新增企业{n + 3}家，完成投资{n + 1}亿元，覆盖率达到90%以上。"
                     "（牵头单位：区经济发展局、区投资促进局）")
    return "\n".join(lines) + "\n"


def main() -> int:
    from gdtrack.drafting import draft
    from gdtrack.drafting.emit import catalogue_yaml

    text = plan_text()
    d = draft(text)
    assert len(d.tasks) == 70, len(d.tasks)
    runs = []
    for _ in range(8):
        t0 = time.perf_counter()
        catalogue_yaml(draft(text), "plan.txt")
        runs.append(time.perf_counter() - t0)
    library = statistics.median(runs[1:])
    gdtrack = str(Path(sys.executable).with_name("gdtrack"))
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "plan.txt", Path(tmp) / "draft.yaml"
        src.write_text(text, encoding="utf-8")
        env = {**os.environ, "GDTRACK_CACHE": "off"}
        whole = []
        for _ in range(5):
            t0 = time.perf_counter()
            subprocess.run([gdtrack, "draft", str(src), "-o", str(out), "--force"], check=True, env=env,
                           capture_output=True)
            whole.append(time.perf_counter() - t0)
    command = statistics.median(whole)
    verdict = "within" if command < BUDGET_S else "OVER"
    print(f"draft, 70 tasks ({d.indicators} indicators): library {library * 1000:.0f} ms, whole command "
          f"{command * 1000:.0f} ms (budget {BUDGET_S:g} s: {verdict})")
    small, large = invented(70), invented(1400)
    times = {}
    for name, text in (("70", small), ("1400", large)):
        got = draft(text)
        assert len(got.tasks) == int(name), (name, len(got.tasks))
        runs = []
        for _ in range(4):
            t0 = time.perf_counter()
            catalogue_yaml(draft(text), "plan.txt")
            runs.append(time.perf_counter() - t0)
        times[name] = statistics.median(runs[1:])
    growth = times["1400"] / times["70"]
    print(f"draft, 1,400 tasks of invented wording: library {times['1400']:.2f} s, {growth:.1f}× the 70-task one "
          f"({times['70'] * 1000:.0f} ms; linear is 20×: {'within' if growth <= 22 else 'OVER'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
