"""Every word gdtrack shows to people, one table per language (zh.py, en.py); `word(key, lang, **values)` is the one
accessor. This package imports nothing else of gdtrack: every layer may use it.

Chinese comes first and is the default. Adding a language is adding one table with the same keys (a test checks
that every table has every key and the same {placeholders}); fixing a word is a one-line change here.

Keys are grouped by a prefix: `status.` the six statuses, `state.` a milestone's states, `col.` table headers,
`change.` the bulletin's change lists, `section.` the bulletin's section titles (the Markdown and HTML pages share
them), `rule.` the rule that gave a status, `formula.` how a completion was computed, `goal.` how a goal reads,
`grid.` terminal tables, `explain.`/`head.`/`md.`/`html.`/`ledger.`/`history.`/`show.`/`template.` the views,
`cli.` the command line.
"""

from __future__ import annotations

from typing import Literal

from gdtrack.words.en import EN
from gdtrack.words.zh import ZH

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

TABLES: dict[Lang, dict[str, str]] = {"zh": ZH, "en": EN}


def word(key: str, lang: Lang = "zh", /, **values: object) -> str:
    """The word or sentence `key` in `lang`, its {placeholders} filled from `values`."""
    text = TABLES[lang][key]
    return text.format(**values) if values else text


def status_label(status: str | None, lang: Lang) -> str:
    """完成 / 序时推进 / … for a status; "—" for none."""
    return TABLES[lang].get(f"status.{status}", TABLES[lang]["status.none"])


def level_label(name: str, lang: Lang) -> str:
    """An escalation level's name (提醒 / 督办 / 通报, or the plan's own) in `lang`; other names as they are."""
    return TABLES[lang].get(f"level.{name}", name)


def state_label(state: str, lang: Lang) -> str:
    """已完成 / 推进中 / 未启动 / 受阻 for a milestone's state; anything else as it is."""
    return TABLES[lang].get(f"state.{state}", state)


def words_of(prefix: str) -> dict[Lang, dict[str, str]]:
    """The words of one module (keys `prefix.…`), without the prefix: for modules that keep their own lookups."""
    cut = len(prefix) + 1
    return {lang: {k[cut:]: v for k, v in table.items() if k.startswith(prefix + ".")} for lang, table in TABLES.items()}
