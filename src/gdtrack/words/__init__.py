"""Every word gdtrack shows to people, one table per language (zh.py, en.py); `word(key, lang, **values)` is the one
accessor. This package imports nothing else of gdtrack but gdtrack.values: every layer may use it.

Chinese comes first and is the default. Adding a language is adding one table with the same keys (a test checks
that every table has every key and the same {placeholders}); fixing a word is a one-line change here.

Keys are grouped by a prefix: `status.` the six statuses, `state.` a milestone's states, `col.` table headers,
`change.` the bulletin's change lists, `section.` the bulletin's section titles (the Markdown and HTML pages share
them), `rule.` the rule that gave a status, `formula.` how a completion was computed, `goal.` how a goal reads,
`grid.` terminal tables, `explain.`/`head.`/`md.`/`html.`/`ledger.`/`history.`/`show.`/`template.` the views,
`cli.` the command line.

A message that is worded later, in the language of the run, is a :class:`Message`: a key and the values that
fill it; :func:`text` words it. Diagnostics and refusals carry Messages, and the views word them once, in one
language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from gdtrack.values import Frozen, frozen

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


class _Tables(dict):
    """The tables by language, each read the first time a word of it is asked for (a Chinese run reads no
    English)."""

    def __missing__(self, lang: str) -> dict[str, str]:
        if lang not in LANGS:
            raise KeyError(lang)
        import importlib

        table = self[lang] = getattr(importlib.import_module(f"{__name__}.{lang}"), lang.upper())
        return table


TABLES: dict[Lang, dict[str, str]] = _Tables()


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
    return {lang: {k[cut:]: v for k, v in TABLES[lang].items() if k.startswith(prefix + ".")} for lang in LANGS}


Value = Any
"""A value that fills a placeholder: data as it is, a :class:`Message` (worded in the same language), or a function
of the language (for a value that differs by language)."""


@frozen(init=False)
class Message(Frozen):
    """A sentence not yet worded: the key of a word in every table and the values that fill its {placeholders}.
    Values are kept as a tuple of (name, value) pairs, so a Message is immutable and, with hashable values,
    hashable."""

    key: str
    values: tuple[tuple[str, Value], ...] = ()

    def __init__(self, key: str, values: Mapping[str, Value] | tuple[tuple[str, Value], ...] = (), /,
                 **more: Value):
        pairs = dict(values.items() if isinstance(values, Mapping) else values)
        pairs.update(more)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "values", tuple(pairs.items()))

    @property
    def fields(self) -> dict[str, Value]:
        """The values, as a dict."""
        return dict(self.values)

    def __reduce__(self) -> tuple[Any, ...]:  # pickled (the cache) as its key and values
        return (Message, (self.key, self.values))


def _value(value: Value, lang: Lang) -> object:
    if isinstance(value, Message):
        return text(value, lang)
    if callable(value) and not isinstance(value, type):
        return value(lang)
    return value


def text(message: Message, lang: Lang = "zh") -> str:
    """`message` worded in `lang`: values that are Messages are worded in the same language, values that are
    functions are called with it. The word is always formatted, so `{{` in a table is a brace."""
    return TABLES[lang][message.key].format(**{k: _value(v, lang) for k, v in message.values})  # {{ is {


def literal(value: object) -> Message:
    """A Message that is the same text in every language: data, or words that came from elsewhere already
    worded (a library's, the operating system's)."""
    return Message("text", text=str(value))


def plain(value: Value) -> object:
    """A value as JSON can hold it: numbers, text, booleans and None as they are; a Message as its key and values;
    a value that differs by language as {"zh": …, "en": …}; anything else as its text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Message):
        return {"key": value.key, "values": {k: plain(v) for k, v in value.values}}
    if callable(value) and not isinstance(value, type):
        return {lang: str(value(lang)) for lang in LANGS}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return str(value)


class Said:
    """What carries a message and perhaps a hint as Messages (`said`, `advice`): the English and the Chinese
    text of both as read-only properties, and `text(lang)` for one language."""

    said: Message
    advice: Message | None

    def text(self, lang: Lang) -> tuple[str, str | None]:
        """The message and the hint (None: no hint) in exactly `lang`."""
        return text(self.said, lang), text(self.advice, lang) if self.advice is not None else None

    message = property(lambda self: self.text("en")[0], doc="The message in English.")
    hint = property(lambda self: self.text("en")[1], doc="The hint in English (None: no hint).")
    message_zh = property(lambda self: self.text("zh")[0], doc="The message in Chinese.")
    hint_zh = property(lambda self: self.text("zh")[1], doc="The hint in Chinese (None: no hint).")
