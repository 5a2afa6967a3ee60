"""Every word shown to people lives in gdtrack/words, in every language; every diagnostic code is registered."""

from __future__ import annotations

import ast
import re
import string

import pytest

from gdtrack.diagnostics import CODES
from gdtrack.words import LANGS, TABLES, word

from .conftest import ROOT

SRC = ROOT / "src" / "gdtrack"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_language_has_every_key_with_the_same_placeholders():
    zh = TABLES["zh"]
    for lang in LANGS:
        assert set(TABLES[lang]) == set(zh), lang
        for key, text in TABLES[lang].items():
            assert _fields(text) == _fields(zh[key]), (lang, key)


def test_words_fill_their_placeholders():
    assert word("section.lagging", "zh", n=16) == "五、滞后事项（16）"
    assert word("section.lagging", "en", n=16) == "5. Lagging goals (16)"


def _codes_used() -> dict[str, str]:
    """Every diagnostic code written in the source: error(…, "code", …), warning(…), Refused("code", …)."""
    found: dict[str, str] = {}
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in ("error", "warning") and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant):
                found[node.args[1].value] = name
            elif name == "Refused" and node.args and isinstance(node.args[0], ast.Constant):
                found[node.args[0].value] = "error"
            elif name == "said" and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant):
                found[node.args[1].value] = CODES.get(node.args[1].value, "unregistered")
    return found


def test_every_code_in_the_source_is_registered_with_its_severity_and_meaning():
    used = _codes_used()
    assert len(used) >= 40
    for code, severity in used.items():
        assert code in CODES, code
        assert CODES[code] == severity, code
    for code in CODES:
        for lang in LANGS:
            assert word(f"code.{code}", lang), (code, lang)


def _said_keys() -> list[tuple[str, str]]:
    """Every words key a `said(path, code, key, …)` call names: `diag.<code>.<key>`, and the hint it names."""
    def constants(node: ast.AST) -> list[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.IfExp):
            return constants(node.body) + constants(node.orelse)
        return []

    keys = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node.func, "id", "") if isinstance(node, ast.Call) else ""
            if name in ("said", "worded", "_words") and len(node.args) >= 2 + (name == "said"):
                # said(path, code, key, …) → diag.<code>.<key>; worded(prefix, key, …); recording's _words(key, …)
                prefixes = ([f"diag.{c}" for c in constants(node.args[1])] if name == "said"
                            else constants(node.args[0]) if name == "worded" else ["diag.record"])
                key_arg = node.args[2 if name == "said" else 1 if name == "worded" else 0]
                hint_arg = next((k.value for k in node.keywords if k.arg == "hint"), None)
                if hint_arg is None and name == "_words" and len(node.args) >= 2:
                    hint_arg = node.args[1]
                for prefix in prefixes:
                    keys += [(path.name, f"{prefix}.{key}") for key in constants(key_arg)]
                    keys += [(path.name, f"{prefix}.{h}.hint") for h in constants(hint_arg) if h and "." not in h] \
                        if hint_arg is not None else []
    return keys


def test_every_message_said_is_worded_in_every_language():
    keys = _said_keys()
    assert len(keys) >= 60
    for lang in LANGS:
        for where, key in keys:
            assert key in TABLES[lang], (where, key, lang)


def test_readme_lists_exactly_the_registered_codes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- codes -->")[1]
    rows = re.findall(r"^\| `([a-z-]+)` \| (error|warning) \|", table, flags=re.M)
    assert dict(rows) == CODES


@pytest.mark.parametrize("module", sorted(p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py")
                                          if p.parent.name in ("views", "cli")))
def test_render_modules_hold_no_chinese_words(module):
    """Words shown to people live in words.py: the other render modules only lay out (CSS fonts aside)."""
    text = (SRC / module).read_text(encoding="utf-8")
    tree = ast.parse(text)
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            assert not re.search(r"[\u4e00-\u9fff]", node.value) or "PingFang" in node.value, (module, node.value)
