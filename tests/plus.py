"""A catalogue a little richer than conftest's MINI for the departments' workflow: 区经济发展局 (alias 经发局)
owns a number (1.1) and a milestone (1.2), and co-leads task 3 (3.1, owned by 区农业服务中心)."""

from __future__ import annotations

from pathlib import Path

from .conftest import MINI, MINI_PROGRESS

PLUS = MINI.replace("  - name: 区经济发展局\n", "  - name: 区经济发展局\n    aliases: [经发局]\n").replace(
    """        target: 30
        unit: 个
        measure: cumulative
""", """        target: 30
        unit: 个
        measure: cumulative
      - id: "1.2"
        name: 数字经济发展方案
        quote: 大力发展数字经济
        comparator: milestone
""") + """\
  - id: 3
    chapter: 1
    title: 发展设施农业
    text: 发展设施农业。新增高标准农田1000亩。
    lead_units: [区农业服务中心, 区经济发展局]
    indicators:
      - id: "3.1"
        name: 新增高标准农田
        quote: 新增高标准农田1000亩
        comparator: ">="
        target: 1000
        unit: 亩
        measure: cumulative
"""


def plus_data(tmp_path: Path) -> tuple[Path, Path]:
    """PLUS and a progress folder with conftest's two sample files; returns (catalogue, progress folder)."""
    cat = tmp_path / "plus.yaml"
    cat.write_text(PLUS, encoding="utf-8")
    folder = tmp_path / "progress"
    folder.mkdir()
    for name, text in MINI_PROGRESS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return cat, folder
