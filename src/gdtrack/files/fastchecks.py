"""The clean path's checks of whole files, written by gdtrack.files.fastvalidate from the models'
declarations: do not edit. `python -m gdtrack.files.fastvalidate` writes it again (tests/test_fast_validate.py
fails until it is current)."""

# fmt: off
# ruff: noqa
import dataclasses
import datetime as dt
import math
import re
import sys

from gdtrack import models
from gdtrack.files import fastyaml
from gdtrack.values import maker


class _No(Exception):
    """Raised to give up on a file: gdtrack.files.fastvalidate then answers MISS for it."""


_MISSING = dataclasses.MISSING
_INF = math.inf
_float = float
_list = list
_dict = dict
_str = str
_int = int
_STARTS = fastyaml.STARTS
_CHECKED = fastyaml.CHECKED
_text = fastyaml.text_rule
_intern = sys.intern
_BIG = fastyaml.BIG

_c0 = frozenset(('chapters', 'plan', 'tasks', 'units', ))
_c1 = frozenset(('document_number', 'issued', 'issuer', 'period_end', 'period_start', 'policy', 'title', ))
_c2 = frozenset(('document_number', 'issued', 'issuer', 'period_end', 'period_start', 'title', ))
_c3 = dt.date
_c4 = frozenset(('document', 'escalation', 'report_by_day', 'reporting', 'review', 'revised', 'scoring', 'supervision_from', 'tolerance', ))
_c5 = frozenset(())
_c6 = 0
_c7 = 1
_c8 = 0.1
_c9 = frozenset(('month', 'quarter', ))
_c10 = 'month'
_c11 = frozenset(('after', 'name', ))
_c12 = maker(models.EscalationLevel)
_c13 = models._default_escalation
_c14 = 31
_c15 = frozenset(('reason', ))
_c16 = models._not_blank
_c17 = maker(models.Revised)
_c18 = frozenset(('addressee', 'copy_to', 'date', 'number_prefix', 'printed_by', 'seal', 'signature', ))
_c19 = frozenset(('as_of', 'blank', ))
_c20 = 'as_of'
_c21 = bool
_c22 = True
_c23 = models._empty
_c24 = maker(models.Document)
_c25 = models.Document
_c26 = frozenset(('base', 'behind', 'lagging', 'late_report', 'levels', 'missed', 'missing_report', 'overdue_reply', 'returned_report', ))
_c27 = -1000
_c28 = 1000
_c29 = 100
_c30 = -1
_c31 = -2
_c32 = -10
_c33 = -5
_c34 = models._default_levels
_c35 = maker(models.Scoring)
_c36 = models.Scoring
_c37 = frozenset(('count_returned', 'count_unreviewed', 'resubmit_days', ))
_c38 = False
_c39 = 366
_c40 = 5
_c41 = maker(models.ReviewPolicy)
_c42 = models.ReviewPolicy
_c43 = maker(models.Policy)
_c44 = models.Policy.__given__
_c45 = models.Policy
_c46 = maker(models.Plan)
_c47 = frozenset(('aliases', 'name', 'reviewers', ))
_c48 = frozenset(('name', ))
_c49 = maker(models.Unit)
_c50 = frozenset(('number', 'title', ))
_c51 = maker(models.Chapter)
_c52 = frozenset(('chapter', 'id', 'indicators', 'lead_units', 'other_numbers', 'text', 'title', ))
_c53 = frozenset(('chapter', 'id', 'text', 'title', ))
_c54 = frozenset(('text', 'why', ))
_c55 = maker(models.OtherNumber)
_c56 = frozenset(('baseline', 'baseline_from', 'comparator', 'due', 'id', 'measure', 'name', 'note', 'owner', 'quote', 'review', 'revised', 'schedule', 'steps', 'stretch', 'target', 'unit', ))
_c57 = frozenset(('comparator', 'id', 'name', 'quote', ))
_c58 = re.compile('^[0-9]+\\.[0-9]+\\Z').search
_c59 = frozenset(('<=', '==', '>=', 'delta_pct', 'delta_pp', 'milestone', ))
_c60 = re.compile('^[^:\\s]+:[0-9]+\\.[0-9]+\\Z').search
_c61 = frozenset(('cumulative', 'level', ))
_c62 = frozenset(('by', 'value', ))
_c63 = maker(models.Node)
_c64 = frozenset(('by', 'name', ))
_c65 = maker(models.Step)
_c66 = maker(models.Indicator)
_c67 = maker(models.Task)
_c68 = maker(models.Catalogue)
_c69 = frozenset(('baselines', 'extensions', 'reports', 'responses', 'sample', 'unit', ))
_c70 = frozenset(('unit', ))
_c71 = frozenset(('as_of', 'entries', 'resubmitted', 'submitted', ))
_c72 = frozenset(('as_of', ))
_c73 = frozenset(('attachments', 'evidence', 'indicator', 'note', 'revised', 'value', ))
_c74 = frozenset(('indicator', ))
_c75 = frozenset((float, int, ))
_c76 = frozenset((str, ))
_c77 = maker(models.Revision)
_c78 = frozenset(('bytes', 'file', 'sha256', ))
_c79 = models._relative_file
_c80 = re.compile('^[0-9a-f]{64}\\Z').search
_c81 = maker(models.Attachment)
_c82 = maker(models.Entry)
_c83 = maker(models.Report)
_c84 = frozenset(('evidence', 'indicator', 'note', 'revised', 'value', ))
_c85 = frozenset(('indicator', 'value', ))
_c86 = maker(models.Baseline)
_c87 = frozenset(('by', 'indicator', 'measures', 'replied', 'revised', ))
_c88 = frozenset(('by', 'indicator', 'measures', ))
_c89 = maker(models.Response)
_c90 = frozenset(('indicator', 'reason', 'requested', 'to', ))
_c91 = maker(models.ExtensionRequest)
_c92 = maker(models.ProgressFile)
_c93 = frozenset(('goals', 'plan', 'sample', ))
_c94 = frozenset(('plan', ))
_c95 = frozenset(('approved', 'goal', 'note', 'proposed_by', 'schedule', 'steps', ))
_c96 = frozenset(('goal', ))
_c97 = maker(models.GoalNodes)
_c98 = maker(models.NodesFile)
_c99 = frozenset(('closures', 'extensions', 'plan', 'reviews', 'sample', ))
_c100 = frozenset(('as_of', 'by', 'decided', 'decision', 'digest', 'reason', 'unit', ))
_c101 = frozenset(('as_of', 'by', 'decided', 'decision', 'unit', ))
_c102 = frozenset(('accept', 'return', ))
_c103 = re.compile('^[0-9a-f]{16}\\Z').search
_c104 = maker(models.ReviewDecision)
_c105 = frozenset(('by', 'decided', 'decision', 'goal', 'reason', 'to', 'unit', ))
_c106 = frozenset(('by', 'decided', 'decision', 'goal', 'to', 'unit', ))
_c107 = frozenset(('approve', 'refuse', ))
_c108 = maker(models.ExtensionDecision)
_c109 = frozenset(('attachments', 'by', 'decided', 'evidence', 'goal', 'reason', ))
_c110 = frozenset(('by', 'decided', 'goal', 'reason', ))
_c111 = maker(models.Closure)
_c112 = maker(models.DecisionsFile)


def _m_EscalationLevel(v):
    if type(v) is not _dict or not (v.keys() <= _c11 and _c11 <= v.keys()): raise _No
    a0 = v['after']
    if type(a0) is not _int or a0 < _c7 or not -_BIG < a0 < _BIG: raise _No
    a1 = v['name']
    if type(a1) is not _str or not a1: raise _No
    if a1[:1] in _STARTS and a1 not in _CHECKED: _text(a1)
    if len(a1) <= 40: a1 = _intern(a1)
    made = _c12(a0, a1)
    return made


def _m_Revised(v):
    if type(v) is not _dict or not (v.keys() <= _c15 and _c15 <= v.keys()): raise _No
    a0 = v['reason']
    if type(a0) is not _str or not a0: raise _No
    if a0[:1] in _STARTS and a0 not in _CHECKED: _text(a0)
    if len(a0) <= 40: a0 = _intern(a0)
    a0 = _c16(a0)
    made = _c17(a0)
    return made


def _v2(x):
    if type(x) is not _str or not x: raise _No
    if x[:1] in _STARTS and x not in _CHECKED: _text(x)
    if len(x) <= 40: x = _intern(x)
    return x


def _m_Document(v):
    if type(v) is not _dict or not (v.keys() <= _c18 and _c5 <= v.keys()): raise _No
    a0 = v.get('number_prefix')
    if a0 is not None:
        if type(a0) is not _str or not a0: raise _No
        if a0[:1] in _STARTS and a0 not in _CHECKED: _text(a0)
        if len(a0) <= 40: a0 = _intern(a0)
    a1 = v.get('addressee')
    if a1 is not None:
        if type(a1) is not _str or not a1: raise _No
        if a1[:1] in _STARTS and a1 not in _CHECKED: _text(a1)
        if len(a1) <= 40: a1 = _intern(a1)
    a2 = v.get('signature')
    if a2 is not None:
        if type(a2) is not _str or not a2: raise _No
        if a2[:1] in _STARTS and a2 not in _CHECKED: _text(a2)
        if len(a2) <= 40: a2 = _intern(a2)
    a3 = v.get('date', _MISSING)
    if a3 is _MISSING: a3 = _c20
    else:
        if type(a3) is not _str or a3 not in _c19: raise _No
    a4 = v.get('seal', _MISSING)
    if a4 is _MISSING: a4 = _c22
    else:
        if type(a4) is not _c21: raise _No
    a5 = v.get('copy_to', _MISSING)
    if a5 is _MISSING: a5 = _c23()
    else:
        if type(a5) is not _list: raise _No
        a5 = [_v2(i) for i in a5]
    a6 = v.get('printed_by')
    if a6 is not None:
        if type(a6) is not _str or not a6: raise _No
        if a6[:1] in _STARTS and a6 not in _CHECKED: _text(a6)
        if len(a6) <= 40: a6 = _intern(a6)
    made = _c24(a0, a1, a2, a3, a4, a5, a6)
    return made


def _v4(x):
    if type(x) is not _str or not x: raise _No
    if x[:1] in _STARTS and x not in _CHECKED: _text(x)
    if len(x) <= 40: x = _intern(x)
    return x


def _v5(x):
    if type(x) is _int and -_BIG < x < _BIG: x = _float(x)
    elif type(x) is not _float: raise _No
    if not -_INF < x < _INF or x < _c27 or x > _c28: raise _No
    return x


def _m_Scoring(v):
    if type(v) is not _dict or not (v.keys() <= _c26 and _c5 <= v.keys()): raise _No
    a0 = v.get('base', _MISSING)
    if a0 is _MISSING: a0 = _c29
    else:
        if type(a0) is _int and -_BIG < a0 < _BIG: a0 = _float(a0)
        elif type(a0) is not _float: raise _No
        if not -_INF < a0 < _INF or a0 < _c27 or a0 > _c28: raise _No
    a1 = v.get('behind', _MISSING)
    if a1 is _MISSING: a1 = _c30
    else:
        if type(a1) is _int and -_BIG < a1 < _BIG: a1 = _float(a1)
        elif type(a1) is not _float: raise _No
        if not -_INF < a1 < _INF or a1 < _c27 or a1 > _c28: raise _No
    a2 = v.get('lagging', _MISSING)
    if a2 is _MISSING: a2 = _c31
    else:
        if type(a2) is _int and -_BIG < a2 < _BIG: a2 = _float(a2)
        elif type(a2) is not _float: raise _No
        if not -_INF < a2 < _INF or a2 < _c27 or a2 > _c28: raise _No
    a3 = v.get('missed', _MISSING)
    if a3 is _MISSING: a3 = _c31
    else:
        if type(a3) is _int and -_BIG < a3 < _BIG: a3 = _float(a3)
        elif type(a3) is not _float: raise _No
        if not -_INF < a3 < _INF or a3 < _c27 or a3 > _c28: raise _No
    a4 = v.get('missing_report', _MISSING)
    if a4 is _MISSING: a4 = _c32
    else:
        if type(a4) is _int and -_BIG < a4 < _BIG: a4 = _float(a4)
        elif type(a4) is not _float: raise _No
        if not -_INF < a4 < _INF or a4 < _c27 or a4 > _c28: raise _No
    a5 = v.get('late_report', _MISSING)
    if a5 is _MISSING: a5 = _c31
    else:
        if type(a5) is _int and -_BIG < a5 < _BIG: a5 = _float(a5)
        elif type(a5) is not _float: raise _No
        if not -_INF < a5 < _INF or a5 < _c27 or a5 > _c28: raise _No
    a6 = v.get('overdue_reply', _MISSING)
    if a6 is _MISSING: a6 = _c33
    else:
        if type(a6) is _int and -_BIG < a6 < _BIG: a6 = _float(a6)
        elif type(a6) is not _float: raise _No
        if not -_INF < a6 < _INF or a6 < _c27 or a6 > _c28: raise _No
    a7 = v.get('returned_report', _MISSING)
    if a7 is _MISSING: a7 = _c32
    else:
        if type(a7) is _int and -_BIG < a7 < _BIG: a7 = _float(a7)
        elif type(a7) is not _float: raise _No
        if not -_INF < a7 < _INF or a7 < _c27 or a7 > _c28: raise _No
    a8 = v.get('levels', _MISSING)
    if a8 is _MISSING: a8 = _c34()
    else:
        if type(a8) is not _dict: raise _No
        a8 = {_v4(k): _v5(i) for k, i in a8.items()}
    made = _c35(a0, a1, a2, a3, a4, a5, a6, a7, a8)
    return made


def _m_ReviewPolicy(v):
    if type(v) is not _dict or not (v.keys() <= _c37 and _c5 <= v.keys()): raise _No
    a0 = v.get('count_unreviewed', _MISSING)
    if a0 is _MISSING: a0 = _c22
    else:
        if type(a0) is not _c21: raise _No
    a1 = v.get('count_returned', _MISSING)
    if a1 is _MISSING: a1 = _c38
    else:
        if type(a1) is not _c21: raise _No
    a2 = v.get('resubmit_days', _MISSING)
    if a2 is _MISSING: a2 = _c40
    else:
        if type(a2) is not _int or a2 < _c6 or a2 > _c39 or not -_BIG < a2 < _BIG: raise _No
    made = _c41(a0, a1, a2)
    return made


def _m_Policy(v):
    if type(v) is not _dict or not (v.keys() <= _c4 and _c5 <= v.keys()): raise _No
    a0 = v.get('tolerance', _MISSING)
    if a0 is _MISSING: a0 = _c8
    else:
        if type(a0) is _int and -_BIG < a0 < _BIG: a0 = _float(a0)
        elif type(a0) is not _float: raise _No
        if not -_INF < a0 < _INF or a0 < _c6 or a0 > _c7: raise _No
    a1 = v.get('reporting', _MISSING)
    if a1 is _MISSING: a1 = _c10
    else:
        if type(a1) is not _str or a1 not in _c9: raise _No
    a2 = v.get('escalation', _MISSING)
    if a2 is _MISSING: a2 = _c13()
    else:
        if type(a2) is not _list: raise _No
        a2 = [_m_EscalationLevel(i) for i in a2]
    a3 = v.get('report_by_day')
    if a3 is not None:
        if type(a3) is not _int or a3 < _c7 or a3 > _c14 or not -_BIG < a3 < _BIG: raise _No
    a4 = v.get('supervision_from')
    if a4 is not None:
        if type(a4) is not _c3: raise _No
    a5 = v.get('revised')
    if a5 is not None:
        a5 = _m_Revised(a5)
    a6 = v.get('document', _MISSING)
    if a6 is _MISSING: a6 = _c25()
    else:
        a6 = _m_Document(a6)
    a7 = v.get('scoring', _MISSING)
    if a7 is _MISSING: a7 = _c36()
    else:
        a7 = _m_Scoring(a7)
    a8 = v.get('review', _MISSING)
    if a8 is _MISSING: a8 = _c42()
    else:
        a8 = _m_ReviewPolicy(a8)
    made = _c43(a0, a1, a2, a3, a4, a5, a6, a7, a8)
    _c44(v, made)
    return made


def _m_Plan(v):
    if type(v) is not _dict or not (v.keys() <= _c1 and _c2 <= v.keys()): raise _No
    a0 = v['title']
    if type(a0) is not _str or not a0: raise _No
    if a0[:1] in _STARTS and a0 not in _CHECKED: _text(a0)
    if len(a0) <= 40: a0 = _intern(a0)
    a1 = v['document_number']
    if type(a1) is not _str or not a1: raise _No
    if a1[:1] in _STARTS and a1 not in _CHECKED: _text(a1)
    if len(a1) <= 40: a1 = _intern(a1)
    a2 = v['issuer']
    if type(a2) is not _str or not a2: raise _No
    if a2[:1] in _STARTS and a2 not in _CHECKED: _text(a2)
    if len(a2) <= 40: a2 = _intern(a2)
    a3 = v['issued']
    if type(a3) is not _c3: raise _No
    a4 = v['period_start']
    if type(a4) is not _c3: raise _No
    a5 = v['period_end']
    if type(a5) is not _c3: raise _No
    a6 = v.get('policy', _MISSING)
    if a6 is _MISSING: a6 = _c45()
    else:
        a6 = _m_Policy(a6)
    made = _c46(a0, a1, a2, a3, a4, a5, a6)
    return made


def _v10(x):
    if type(x) is not _str or not x: raise _No
    if x[:1] in _STARTS and x not in _CHECKED: _text(x)
    if len(x) <= 40: x = _intern(x)
    return x


def _v11(x):
    if type(x) is not _str or not x: raise _No
    if x[:1] in _STARTS and x not in _CHECKED: _text(x)
    if len(x) <= 40: x = _intern(x)
    return x


def _m_Unit(v):
    if type(v) is not _dict or not (v.keys() <= _c47 and _c48 <= v.keys()): raise _No
    a0 = v['name']
    if type(a0) is not _str or not a0: raise _No
    if a0[:1] in _STARTS and a0 not in _CHECKED: _text(a0)
    if len(a0) <= 40: a0 = _intern(a0)
    a1 = v.get('aliases', _MISSING)
    if a1 is _MISSING: a1 = _c23()
    else:
        if type(a1) is not _list: raise _No
        a1 = [_v10(i) for i in a1]
    a2 = v.get('reviewers', _MISSING)
    if a2 is _MISSING: a2 = _c23()
    else:
        if type(a2) is not _list: raise _No
        a2 = [_v11(i) for i in a2]
    made = _c49(a0, a1, a2)
    return made


def _m_Chapter(v):
    if type(v) is not _dict or not (v.keys() <= _c50 and _c50 <= v.keys()): raise _No
    a0 = v['number']
    if type(a0) is not _int or a0 < _c7 or not -_BIG < a0 < _BIG: raise _No
    a1 = v['title']
    if type(a1) is not _str or not a1: raise _No
    if a1[:1] in _STARTS and a1 not in _CHECKED: _text(a1)
    if len(a1) <= 40: a1 = _intern(a1)
    made = _c51(a0, a1)
    return made


def _v14(x):
    if type(x) is not _str or not x: raise _No
    if x[:1] in _STARTS and x not in _CHECKED: _text(x)
    if len(x) <= 40: x = _intern(x)
    return x


def _m_OtherNumber(v):
    if type(v) is not _dict or not (v.keys() <= _c54 and _c54 <= v.keys()): raise _No
    a0 = v['text']
    if type(a0) is not _str or not a0: raise _No
    if a0[:1] in _STARTS and a0 not in _CHECKED: _text(a0)
    if len(a0) <= 40: a0 = _intern(a0)
    a1 = v['why']
    if type(a1) is not _str or not a1: raise _No
    if a1[:1] in _STARTS and a1 not in _CHECKED: _text(a1)
    if len(a1) <= 40: a1 = _intern(a1)
    made = _c55(a0, a1)
    return made


def _m_Node(v):
    if type(v) is not _dict or not (v.keys() <= _c62 and _c62 <= v.keys()): raise _No
    a0 = v['by']
    if type(a0) is not _c3: raise _No
    a1 = v['value']
    if type(a1) is _int and -_BIG < a1 < _BIG: a1 = _float(a1)
    elif type(a1) is not _float: raise _No
    if not -_INF < a1 < _INF: raise _No
    made = _c63(a0, a1)
    return made


def _m_Step(v):
    if type(v) is not _dict or not (v.keys() <= _c64 and _c64 <= v.keys()): raise _No
    a0 = v['by']
    if type(a0) is not _c3: raise _No
    a1 = v['name']
    if type(a1) is not _str or not a1: raise _No
    if a1[:1] in _STARTS and a1 not in _CHECKED: _text(a1)
    if len(a1) <= 40: a1 = _intern(a1)
    made = _c65(a0, a1)
    return made


def _m_Indicator(v):
    if type(v) is not _dict or not (v.keys() <= _c56 and _c57 <= v.keys()): raise _No
    a0 = v['id']
    if type(a0) is not _str or _c58(a0) is None: raise _No
    if a0[:1] in _STARTS and a0 not in _CHECKED: _text(a0)
    if len(a0) <= 40: a0 = _intern(a0)
    a1 = v['name']
    if type(a1) is not _str or not a1: raise _No
    if a1[:1] in _STARTS and a1 not in _CHECKED: _text(a1)
    if len(a1) <= 40: a1 = _intern(a1)
    a2 = v['quote']
    if type(a2) is not _str or not a2: raise _No
    if a2[:1] in _STARTS and a2 not in _CHECKED: _text(a2)
    if len(a2) <= 40: a2 = _intern(a2)
    a3 = v['comparator']
    if type(a3) is not _str or a3 not in _c59: raise _No
    a4 = v.get('target')
    if a4 is not None:
        if type(a4) is _int and -_BIG < a4 < _BIG: a4 = _float(a4)
        elif type(a4) is not _float: raise _No
        if not -_INF < a4 < _INF: raise _No
    a5 = v.get('unit')
    if a5 is not None:
        if type(a5) is not _str or not a5: raise _No
        if a5[:1] in _STARTS and a5 not in _CHECKED: _text(a5)
        if len(a5) <= 40: a5 = _intern(a5)
    a6 = v.get('baseline')
    if a6 is not None:
        if type(a6) is _int and -_BIG < a6 < _BIG: a6 = _float(a6)
        elif type(a6) is not _float: raise _No
        if not -_INF < a6 < _INF: raise _No
    a7 = v.get('baseline_from')
    if a7 is not None:
        if type(a7) is not _str or _c60(a7) is None: raise _No
        if a7[:1] in _STARTS and a7 not in _CHECKED: _text(a7)
        if len(a7) <= 40: a7 = _intern(a7)
    a8 = v.get('due')
    if a8 is not None:
        if type(a8) is not _c3: raise _No
    a9 = v.get('owner')
    if a9 is not None:
        if type(a9) is not _str or not a9: raise _No
        if a9[:1] in _STARTS and a9 not in _CHECKED: _text(a9)
        if len(a9) <= 40: a9 = _intern(a9)
    a10 = v.get('stretch', _MISSING)
    if a10 is _MISSING: a10 = _c38
    else:
        if type(a10) is not _c21: raise _No
    a11 = v.get('measure')
    if a11 is not None:
        if type(a11) is not _str or a11 not in _c61: raise _No
    a12 = v.get('schedule', _MISSING)
    if a12 is _MISSING: a12 = _c23()
    else:
        if type(a12) is not _list: raise _No
        a12 = [_m_Node(i) for i in a12]
    a13 = v.get('steps', _MISSING)
    if a13 is _MISSING: a13 = _c23()
    else:
        if type(a13) is not _list: raise _No
        a13 = [_m_Step(i) for i in a13]
    a14 = v.get('review', _MISSING)
    if a14 is _MISSING: a14 = _c38
    else:
        if type(a14) is not _c21: raise _No
    a15 = v.get('note')
    if a15 is not None:
        if type(a15) is not _str or not a15: raise _No
        if a15[:1] in _STARTS and a15 not in _CHECKED: _text(a15)
        if len(a15) <= 40: a15 = _intern(a15)
    a16 = v.get('revised')
    if a16 is not None:
        a16 = _m_Revised(a16)
    made = _c66(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16)
    return made


def _m_Task(v):
    if type(v) is not _dict or not (v.keys() <= _c52 and _c53 <= v.keys()): raise _No
    a0 = v['id']
    if type(a0) is not _int or a0 < _c7 or not -_BIG < a0 < _BIG: raise _No
    a1 = v['chapter']
    if type(a1) is not _int or a1 < _c7 or not -_BIG < a1 < _BIG: raise _No
    a2 = v['title']
    if type(a2) is not _str or not a2: raise _No
    if a2[:1] in _STARTS and a2 not in _CHECKED: _text(a2)
    if len(a2) <= 40: a2 = _intern(a2)
    a3 = v['text']
    if type(a3) is not _str or not a3: raise _No
    if a3[:1] in _STARTS and a3 not in _CHECKED: _text(a3)
    if len(a3) <= 40: a3 = _intern(a3)
    a4 = v.get('lead_units', _MISSING)
    if a4 is _MISSING: a4 = _c23()
    else:
        if type(a4) is not _list: raise _No
        a4 = [_v14(i) for i in a4]
    a5 = v.get('other_numbers', _MISSING)
    if a5 is _MISSING: a5 = _c23()
    else:
        if type(a5) is not _list: raise _No
        a5 = [_m_OtherNumber(i) for i in a5]
    a6 = v.get('indicators', _MISSING)
    if a6 is _MISSING: a6 = _c23()
    else:
        if type(a6) is not _list: raise _No
        a6 = [_m_Indicator(i) for i in a6]
    made = _c67(a0, a1, a2, a3, a4, a5, a6)
    return made


def _m_Catalogue(v):
    if type(v) is not _dict or not (v.keys() <= _c0 and _c0 <= v.keys()): raise _No
    a0 = v['plan']
    a0 = _m_Plan(a0)
    a1 = v['units']
    if type(a1) is not _list: raise _No
    a1 = [_m_Unit(i) for i in a1]
    a2 = v['chapters']
    if type(a2) is not _list: raise _No
    a2 = [_m_Chapter(i) for i in a2]
    a3 = v['tasks']
    if type(a3) is not _list: raise _No
    a3 = [_m_Task(i) for i in a3]
    made = _c68(a0, a1, a2, a3)
    return made


def _m_Revision(v):
    if type(v) is not _dict or not (v.keys() <= _c15 and _c15 <= v.keys()): raise _No
    a0 = v['reason']
    if type(a0) is not _str or not a0: raise _No
    if a0[:1] in _STARTS and a0 not in _CHECKED: _text(a0)
    if len(a0) <= 40: a0 = _intern(a0)
    a0 = _c16(a0)
    made = _c77(a0)
    return made


def _m_Attachment(v):
    if type(v) is not _dict or not (v.keys() <= _c78 and _c78 <= v.keys()): raise _No
    a0 = v['file']
    if type(a0) is not _str or not a0 or len(a0) > 500: raise _No
    if a0[:1] in _STARTS and a0 not in _CHECKED: _text(a0)
    if len(a0) <= 40: a0 = _intern(a0)
    a0 = _c79(a0)
    a1 = v['sha256']
    if type(a1) is not _str or _c80(a1) is None: raise _No
    if a1[:1] in _STARTS and a1 not in _CHECKED: _text(a1)
    if len(a1) <= 40: a1 = _intern(a1)
    a2 = v['bytes']
    if type(a2) is not _int or a2 < _c6 or not -_BIG < a2 < _BIG: raise _No
    made = _c81(a0, a1, a2)
    return made


def _m_Entry(v):
    if type(v) is not _dict or not (v.keys() <= _c73 and _c74 <= v.keys()): raise _No
    a0 = v['indicator']
    if type(a0) is not _str or _c58(a0) is None: raise _No
    if a0[:1] in _STARTS and a0 not in _CHECKED: _text(a0)
    if len(a0) <= 40: a0 = _intern(a0)
    a1 = v.get('value')
    if a1 is not None:
        if type(a1) in _c75:
            if type(a1) is _int and -_BIG < a1 < _BIG: a1 = _float(a1)
            elif type(a1) is not _float: raise _No
            if not -_INF < a1 < _INF: raise _No
        elif type(a1) in _c76:
            if type(a1) is not _str or not a1: raise _No
            if a1[:1] in _STARTS and a1 not in _CHECKED: _text(a1)
            if len(a1) <= 40: a1 = _intern(a1)
        else: raise _No
    a2 = v.get('note')
    if a2 is not None:
        if type(a2) is not _str or not a2: raise _No
        if a2[:1] in _STARTS and a2 not in _CHECKED: _text(a2)
        if len(a2) <= 40: a2 = _intern(a2)
    a3 = v.get('evidence')
    if a3 is not None:
        if type(a3) is not _str or not a3: raise _No
        if a3[:1] in _STARTS and a3 not in _CHECKED: _text(a3)
        if len(a3) <= 40: a3 = _intern(a3)
    a4 = v.get('revised')
    if a4 is not None:
        a4 = _m_Revision(a4)
    a5 = v.get('attachments', _MISSING)
    if a5 is _MISSING: a5 = _c23()
    else:
        if type(a5) is not _list: raise _No
        a5 = [_m_Attachment(i) for i in a5]
    made = _c82(a0, a1, a2, a3, a4, a5)
    return made


def _m_Report(v):
    if type(v) is not _dict or not (v.keys() <= _c71 and _c72 <= v.keys()): raise _No
    a0 = v['as_of']
    if type(a0) is not _c3: raise _No
    a1 = v.get('entries', _MISSING)
    if a1 is _MISSING: a1 = _c23()
    else:
        if type(a1) is not _list: raise _No
        a1 = [_m_Entry(i) for i in a1]
    a2 = v.get('submitted')
    if a2 is not None:
        if type(a2) is not _c3: raise _No
    a3 = v.get('resubmitted')
    if a3 is not None:
        if type(a3) is not _c3: raise _No
    made = _c83(a0, a1, a2, a3)
    return made


def _m_Baseline(v):
    if type(v) is not _dict or not (v.keys() <= _c84 and _c85 <= v.keys()): raise _No
    a0 = v['indicator']
    if type(a0) is not _str or _c58(a0) is None: raise _No
    if a0[:1] in _STARTS and a0 not in _CHECKED: _text(a0)
    if len(a0) <= 40: a0 = _intern(a0)
    a1 = v['value']
    if type(a1) is _int and -_BIG < a1 < _BIG: a1 = _float(a1)
    elif type(a1) is not _float: raise _No
    if not -_INF < a1 < _INF: raise _No
    a2 = v.get('evidence')
    if a2 is not None:
        if type(a2) is not _str or not a2: raise _No
        if a2[:1] in _STARTS and a2 not in _CHECKED: _text(a2)
        if len(a2) <= 40: a2 = _intern(a2)
    a3 = v.get('note')
    if a3 is not None:
        if type(a3) is not _str or not a3: raise _No
        if a3[:1] in _STARTS and a3 not in _CHECKED: _text(a3)
        if len(a3) <= 40: a3 = _intern(a3)
    a4 = v.get('revised')
    if a4 is not None:
        a4 = _m_Revision(a4)
    made = _c86(a0, a1, a2, a3, a4)
    return made


def _m_Response(v):
    if type(v) is not _dict or not (v.keys() <= _c87 and _c88 <= v.keys()): raise _No
    a0 = v['indicator']
    if type(a0) is not _str or _c58(a0) is None: raise _No
    if a0[:1] in _STARTS and a0 not in _CHECKED: _text(a0)
    if len(a0) <= 40: a0 = _intern(a0)
    a1 = v['measures']
    if type(a1) is not _str or not a1: raise _No
    if a1[:1] in _STARTS and a1 not in _CHECKED: _text(a1)
    if len(a1) <= 40: a1 = _intern(a1)
    a2 = v['by']
    if type(a2) is not _c3: raise _No
    a3 = v.get('replied')
    if a3 is not None:
        if type(a3) is not _c3: raise _No
    a4 = v.get('revised')
    if a4 is not None:
        a4 = _m_Revision(a4)
    made = _c89(a0, a1, a2, a3, a4)
    return made


def _m_ExtensionRequest(v):
    if type(v) is not _dict or not (v.keys() <= _c90 and _c90 <= v.keys()): raise _No
    a0 = v['indicator']
    if type(a0) is not _str or _c58(a0) is None: raise _No
    if a0[:1] in _STARTS and a0 not in _CHECKED: _text(a0)
    if len(a0) <= 40: a0 = _intern(a0)
    a1 = v['to']
    if type(a1) is not _c3: raise _No
    a2 = v['reason']
    if type(a2) is not _str or not a2: raise _No
    if a2[:1] in _STARTS and a2 not in _CHECKED: _text(a2)
    if len(a2) <= 40: a2 = _intern(a2)
    a2 = _c16(a2)
    a3 = v['requested']
    if type(a3) is not _c3: raise _No
    made = _c91(a0, a1, a2, a3)
    return made


def _m_ProgressFile(v):
    if type(v) is not _dict or not (v.keys() <= _c69 and _c70 <= v.keys()): raise _No
    a0 = v['unit']
    if type(a0) is not _str or not a0: raise _No
    if a0[:1] in _STARTS and a0 not in _CHECKED: _text(a0)
    if len(a0) <= 40: a0 = _intern(a0)
    a1 = v.get('reports', _MISSING)
    if a1 is _MISSING: a1 = _c23()
    else:
        if type(a1) is not _list: raise _No
        a1 = [_m_Report(i) for i in a1]
    a2 = v.get('baselines', _MISSING)
    if a2 is _MISSING: a2 = _c23()
    else:
        if type(a2) is not _list: raise _No
        a2 = [_m_Baseline(i) for i in a2]
    a3 = v.get('sample', _MISSING)
    if a3 is _MISSING: a3 = _c38
    else:
        if type(a3) is not _c21: raise _No
    a4 = v.get('responses', _MISSING)
    if a4 is _MISSING: a4 = _c23()
    else:
        if type(a4) is not _list: raise _No
        a4 = [_m_Response(i) for i in a4]
    a5 = v.get('extensions', _MISSING)
    if a5 is _MISSING: a5 = _c23()
    else:
        if type(a5) is not _list: raise _No
        a5 = [_m_ExtensionRequest(i) for i in a5]
    made = _c92(a0, a1, a2, a3, a4, a5)
    return made


def _m_GoalNodes(v):
    if type(v) is not _dict or not (v.keys() <= _c95 and _c96 <= v.keys()): raise _No
    a0 = v['goal']
    if type(a0) is not _str or _c58(a0) is None: raise _No
    if a0[:1] in _STARTS and a0 not in _CHECKED: _text(a0)
    if len(a0) <= 40: a0 = _intern(a0)
    a1 = v.get('proposed_by')
    if a1 is not None:
        if type(a1) is not _str or not a1: raise _No
        if a1[:1] in _STARTS and a1 not in _CHECKED: _text(a1)
        if len(a1) <= 40: a1 = _intern(a1)
    a2 = v.get('approved')
    if a2 is not None:
        if type(a2) is not _c3: raise _No
    a3 = v.get('note')
    if a3 is not None:
        if type(a3) is not _str or not a3: raise _No
        if a3[:1] in _STARTS and a3 not in _CHECKED: _text(a3)
        if len(a3) <= 40: a3 = _intern(a3)
    a4 = v.get('schedule', _MISSING)
    if a4 is _MISSING: a4 = _c23()
    else:
        if type(a4) is not _list: raise _No
        a4 = [_m_Node(i) for i in a4]
    a5 = v.get('steps', _MISSING)
    if a5 is _MISSING: a5 = _c23()
    else:
        if type(a5) is not _list: raise _No
        a5 = [_m_Step(i) for i in a5]
    made = _c97(a0, a1, a2, a3, a4, a5)
    return made


def _m_NodesFile(v):
    if type(v) is not _dict or not (v.keys() <= _c93 and _c94 <= v.keys()): raise _No
    a0 = v['plan']
    if type(a0) is not _str or not a0: raise _No
    if a0[:1] in _STARTS and a0 not in _CHECKED: _text(a0)
    if len(a0) <= 40: a0 = _intern(a0)
    a1 = v.get('sample', _MISSING)
    if a1 is _MISSING: a1 = _c38
    else:
        if type(a1) is not _c21: raise _No
    a2 = v.get('goals', _MISSING)
    if a2 is _MISSING: a2 = _c23()
    else:
        if type(a2) is not _list: raise _No
        a2 = [_m_GoalNodes(i) for i in a2]
    made = _c98(a0, a1, a2)
    return made


def _m_ReviewDecision(v):
    if type(v) is not _dict or not (v.keys() <= _c100 and _c101 <= v.keys()): raise _No
    a0 = v['unit']
    if type(a0) is not _str or not a0: raise _No
    if a0[:1] in _STARTS and a0 not in _CHECKED: _text(a0)
    if len(a0) <= 40: a0 = _intern(a0)
    a1 = v['as_of']
    if type(a1) is not _c3: raise _No
    a2 = v['decision']
    if type(a2) is not _str or a2 not in _c102: raise _No
    a3 = v.get('reason')
    if a3 is not None:
        if type(a3) is not _str or not a3: raise _No
        if a3[:1] in _STARTS and a3 not in _CHECKED: _text(a3)
        if len(a3) <= 40: a3 = _intern(a3)
    a4 = v['by']
    if type(a4) is not _str or not a4: raise _No
    if a4[:1] in _STARTS and a4 not in _CHECKED: _text(a4)
    if len(a4) <= 40: a4 = _intern(a4)
    a5 = v['decided']
    if type(a5) is not _c3: raise _No
    a6 = v.get('digest')
    if a6 is not None:
        if type(a6) is not _str or _c103(a6) is None: raise _No
        if a6[:1] in _STARTS and a6 not in _CHECKED: _text(a6)
        if len(a6) <= 40: a6 = _intern(a6)
    made = _c104(a0, a1, a2, a3, a4, a5, a6)
    return made


def _m_ExtensionDecision(v):
    if type(v) is not _dict or not (v.keys() <= _c105 and _c106 <= v.keys()): raise _No
    a0 = v['unit']
    if type(a0) is not _str or not a0: raise _No
    if a0[:1] in _STARTS and a0 not in _CHECKED: _text(a0)
    if len(a0) <= 40: a0 = _intern(a0)
    a1 = v['goal']
    if type(a1) is not _str or _c58(a1) is None: raise _No
    if a1[:1] in _STARTS and a1 not in _CHECKED: _text(a1)
    if len(a1) <= 40: a1 = _intern(a1)
    a2 = v['to']
    if type(a2) is not _c3: raise _No
    a3 = v['decision']
    if type(a3) is not _str or a3 not in _c107: raise _No
    a4 = v.get('reason')
    if a4 is not None:
        if type(a4) is not _str or not a4: raise _No
        if a4[:1] in _STARTS and a4 not in _CHECKED: _text(a4)
        if len(a4) <= 40: a4 = _intern(a4)
    a5 = v['by']
    if type(a5) is not _str or not a5: raise _No
    if a5[:1] in _STARTS and a5 not in _CHECKED: _text(a5)
    if len(a5) <= 40: a5 = _intern(a5)
    a6 = v['decided']
    if type(a6) is not _c3: raise _No
    made = _c108(a0, a1, a2, a3, a4, a5, a6)
    return made


def _m_Closure(v):
    if type(v) is not _dict or not (v.keys() <= _c109 and _c110 <= v.keys()): raise _No
    a0 = v['goal']
    if type(a0) is not _str or _c58(a0) is None: raise _No
    if a0[:1] in _STARTS and a0 not in _CHECKED: _text(a0)
    if len(a0) <= 40: a0 = _intern(a0)
    a1 = v['reason']
    if type(a1) is not _str or not a1: raise _No
    if a1[:1] in _STARTS and a1 not in _CHECKED: _text(a1)
    if len(a1) <= 40: a1 = _intern(a1)
    a1 = _c16(a1)
    a2 = v['by']
    if type(a2) is not _str or not a2: raise _No
    if a2[:1] in _STARTS and a2 not in _CHECKED: _text(a2)
    if len(a2) <= 40: a2 = _intern(a2)
    a3 = v['decided']
    if type(a3) is not _c3: raise _No
    a4 = v.get('evidence')
    if a4 is not None:
        if type(a4) is not _str or not a4: raise _No
        if a4[:1] in _STARTS and a4 not in _CHECKED: _text(a4)
        if len(a4) <= 40: a4 = _intern(a4)
    a5 = v.get('attachments', _MISSING)
    if a5 is _MISSING: a5 = _c23()
    else:
        if type(a5) is not _list: raise _No
        a5 = [_m_Attachment(i) for i in a5]
    made = _c111(a0, a1, a2, a3, a4, a5)
    return made


def _m_DecisionsFile(v):
    if type(v) is not _dict or not (v.keys() <= _c99 and _c94 <= v.keys()): raise _No
    a0 = v['plan']
    if type(a0) is not _str or not a0: raise _No
    if a0[:1] in _STARTS and a0 not in _CHECKED: _text(a0)
    if len(a0) <= 40: a0 = _intern(a0)
    a1 = v.get('sample', _MISSING)
    if a1 is _MISSING: a1 = _c38
    else:
        if type(a1) is not _c21: raise _No
    a2 = v.get('reviews', _MISSING)
    if a2 is _MISSING: a2 = _c23()
    else:
        if type(a2) is not _list: raise _No
        a2 = [_m_ReviewDecision(i) for i in a2]
    a3 = v.get('extensions', _MISSING)
    if a3 is _MISSING: a3 = _c23()
    else:
        if type(a3) is not _list: raise _No
        a3 = [_m_ExtensionDecision(i) for i in a3]
    a4 = v.get('closures', _MISSING)
    if a4 is _MISSING: a4 = _c23()
    else:
        if type(a4) is not _list: raise _No
        a4 = [_m_Closure(i) for i in a4]
    made = _c112(a0, a1, a2, a3, a4)
    return made


CHECKS = {
    ('Catalogue', True): _m_Catalogue,
    ('ProgressFile', True): _m_ProgressFile,
    ('NodesFile', True): _m_NodesFile,
    ('DecisionsFile', True): _m_DecisionsFile,
}
