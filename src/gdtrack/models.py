"""The declared schema of gdtrack's data: the plan catalogue and the departments' progress files.

Plain dataclasses, which import nothing but the standard library: a run whose files all come from the cache
(gdtrack.files.cache) uses them without pydantic. pydantic validates a file into them when one is parsed
(:func:`gdtrack.files.loading.adapter`), strictly: unknown keys, wrong types and missing required fields are errors,
and nothing is coerced (an id that YAML read as the number 1.1 is rejected, not turned into "1.1"). What it checks
of a value is said here as data, in pydantic's own words (:class:`Rule`, and a field's `metadata`), and handed to
it only then. Cross-references (owners exist, quotes are in their text, …) are not checked here but in
:mod:`gdtrack.checks.rules`, so that one run can report every problem at once.

A model built in code (`Indicator(...)`) runs its own checks (`__post_init__`) but not the per-value rules: what
comes from outside is validated with :func:`gdtrack.files.loading.validated`.
"""

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from functools import cached_property
from typing import Annotated, Any, Literal

from gdtrack.values import Frozen, Value, frozen, record
from gdtrack.words import Message, text


class Invalid(ValueError):
    """A model that does not hold together, said as a Message (`models.<key>` in gdtrack/words): pydantic reports it
    as a `value_error` whose context holds this exception, and loading words it in the language of the run."""

    def __init__(self, key: str, **values: object):
        self.said = Message(f"models.{key}", values)
        super().__init__(text(self.said, "en"))


class Rule:
    """What pydantic checks of one value, in the words of pydantic's `Field` (strict=, min_length=, max_length=,
    pattern=, ge=, le=, allow_inf_nan=) and an `after` check: data here, read by pydantic only when it builds a
    validator, so that these models import no pydantic."""

    __slots__ = ("after", "kw")

    def __init__(self, after: Callable[[Any], Any] | None = None, **kw: Any):
        self.after, self.kw = after, kw

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic import AfterValidator, Field

        extra = (AfterValidator(self.after),) if self.after is not None else ()
        return handler(Annotated[(source, Field(**self.kw), *extra)])

    def __repr__(self) -> str:
        return f"Rule({', '.join(f'{k}={v!r}' for k, v in self.kw.items())})"


def spec(default: Any = dataclasses.MISSING, *, factory: Callable[[], Any] | None = None, shown: Any = None,
         **schema: Any) -> Any:
    """A field with its default (or `factory`) and what the JSON Schema says of it, in pydantic's `Field` words
    (description=, json_schema_extra=); `shown` is the default the schema shows for a factory's value."""
    if shown is not None:
        schema["json_schema_extra"] = {"default": shown}
    if factory is not None:
        return dataclasses.field(default_factory=factory, metadata=schema)
    return dataclasses.field(default=default, metadata=schema)


def _empty() -> list:
    # Not `default_factory=list`: pydantic reads a factory's signature, and for a builtin that means parsing
    # its text signature with tokenize, whose first use compiles a large regex (a few ms at every start).
    return []


def many(**schema: Any) -> Any:
    """A list field that is empty when not given (the schema shows `[]`)."""
    return spec(factory=_empty, shown=[], **schema)


class _Model(Value):
    """What every model of the catalogue's side shares: unknown keys are errors. Not strict as a whole (a strict
    dataclass refuses the dicts YAML gives): every value's own type is (Text, Int, Date …)."""

    __slots__ = ()
    __pydantic_config__ = {"extra": "forbid"}


class _Record(Frozen):
    """The same for the progress files' models, which are frozen."""

    __slots__ = ()
    __pydantic_config__ = {"extra": "forbid"}


Comparator = Literal[">=", "<=", "==", "delta_pct", "delta_pp", "milestone"]
DELTA_COMPARATORS = frozenset({"delta_pct", "delta_pp"})
MilestoneState = Literal["done", "in_progress", "not_started", "blocked"]
MILESTONE_STATES: tuple[str, ...] = ("done", "in_progress", "not_started", "blocked")
STATE_WORDS: dict[str, str] = {"已完成": "done", "推进中": "in_progress", "未启动": "not_started", "受阻": "blocked"}
"""A milestone's four states as people write them in Chinese, accepted wherever a value is read."""

COUNT_UNITS = frozenset({
    "个", "人", "人次", "名", "位", "场", "处", "家", "户", "所", "条", "次", "项", "座", "台", "辆", "栋", "件", "批",
    "宗", "套", "间", "张", "份", "支", "队", "组", "期", "届", "艘", "架", "只", "头", "口", "棵", "株", "本", "部",
    "篇", "节", "门", "类", "村", "社区", "企业", "个次", "户次",
})
"""Units that count things one by one: a figure, a target and a forecast in them are whole numbers."""


def step_names(ind: "Indicator") -> list[str]:
    return [s.name for s in ind.steps]


def milestone_state(value: object) -> object:
    """done / in_progress / not_started / blocked for the English or Chinese word; anything else as it is."""
    return STATE_WORDS.get(value, value) if isinstance(value, str) else value


Measure = Literal["cumulative", "level"]
"""What a numeric goal's figure is: a year-to-date total that starts from 0, or a level that already has a value
when the period starts (a rate, a ratio, a per-capita figure, a stock such as 剩余黑臭水体)."""

# Values, each strict on its own: a number is an int or a float, never a bool, never NaN or infinity; a text is a
# text of at least one character, never a number YAML read; a date is a date YAML read, never a text.
Number = Annotated[float, Rule(strict=True, allow_inf_nan=False)]
Text = Annotated[str, Rule(strict=True, min_length=1)]
Int = Annotated[int, Rule(strict=True)]
Bool = Annotated[bool, Rule(strict=True)]
Date = Annotated[dt.date, Rule(strict=True)]


def _int(**bounds: int) -> Any:
    return Annotated[int, Rule(strict=True, **bounds)]


_INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")  # fillers that render as blank, whatever Unicode says


def visible(text: str) -> bool:
    """The text shows something: not only spaces, zero-width or formatting characters (U+200B, U+FEFF, bidi
    controls), or blank fillers such as U+3164."""
    import unicodedata

    return any(c not in _INVISIBLE and unicodedata.category(c)[0] not in "ZC" for c in text)


def _not_blank(text: str) -> str:
    if not visible(text):
        raise Invalid("reason_blank")
    return text


Reason = Annotated[str, Rule(_not_blank, strict=True, min_length=1)]
"""Why something already merged was changed: visible words (check --against then warns instead of failing)."""

IndicatorId = Annotated[str, Rule(strict=True, pattern=r"^[0-9]+\.[0-9]+$")]

_model = record(kw_only=True)  # the catalogue's side: few objects, keyword arguments, cached indexes


@_model
class Revised(_Model):
    """`revised: {reason: …}` on a goal or the policy of the catalogue: why it was changed once merged."""

    reason: Reason


@_model
class EscalationLevel(_Model):
    """A 督办 level: its name, reached after `after` consecutive period ends lagging (gdtrack escalations)."""

    after: _int(ge=1)
    name: Text


DEFAULT_ESCALATION: tuple[tuple[int, str], ...] = ((1, "提醒"), (2, "督办"), (3, "通报"))


def _default_escalation() -> list:
    return [EscalationLevel(after=a, name=n) for a, n in DEFAULT_ESCALATION]


Points = Annotated[float, Rule(strict=True, allow_inf_nan=False, ge=-1000, le=1000)]


def _default_levels() -> dict:
    return {"督办": -1.0, "通报": -2.0}


@_model
class Scoring(_Model):
    """考核 points, per reporting period from the start of 督办 (`gdtrack scores`): a unit starts the year at `base`;
    each of its goals at a period end loses the points of its status there (略滞后 = yellow, 滞后 / 未完成 = red),
    a period whose report it did not send loses `missing_report`, each 督办 reply overdue now `overdue_reply`, and
    each goal at an escalation level at a period end the points `levels` gives that level. The defaults follow
    published 督查督办 practice (yellow −1, red −2, a missing report −10, an empty or overdue reply −5, on a base
    of 100; 督办 −1 and 通报 −2 more); every figure is the office's to set."""

    base: Points = 100
    behind: Points = -1
    lagging: Points = -2
    missed: Points = -2
    missing_report: Points = -10
    late_report: Points = -2
    overdue_reply: Points = -5
    returned_report: Points = -10  # a report sent back and not corrected within policy.review.resubmit_days
    levels: dict[Text, Points] = spec(factory=_default_levels,
                                      description="points per goal at each escalation level, by the level's name")


@_model
class Document(_Model):
    """How the Word documents (`report -f docx`, `notice`) are numbered, addressed, signed and sent, after
    GB/T 9704-2012; every field is optional, with its default from the plan."""

    number_prefix: Text | None = spec(
        None, description="发文字号's 机关代字 (济开管办字): the bulletin's number is 代字〔年份〕期号号, "
                          "under the masthead (default: none, the 期号 line 第N期)")
    addressee: Text | None = spec(None, description="主送机关 of the bulletin, under the title (default: 各牵头单位)")
    signature: Text | None = spec(None, description="署名 under the text (default: the plan's issuer)")
    date: Literal["as_of", "blank"] = spec(
        "as_of", description="成文日期 and 印发日期: the query date (as_of) or left blank to fill (blank)")
    seal: Bool = spec(True, description="印章: true leaves room for the seal, the 署名 centred over the 成文日期 four "
                                        "characters in; false puts the 署名 two characters in, the date under it")
    copy_to: list[Text] = many(description="抄送机关, in the 版记 at the foot of the last page")
    printed_by: Text | None = spec(None, description="印发机关 in the 版记 (default: the plan's issuer)")


@_model
class ReviewPolicy(_Model):
    """审核 (gdtrack review): which reports count while the office reviews them, and how long a unit has to correct
    a report it sent back."""

    count_unreviewed: Bool = spec(True, description="未审核的报告计入进度 / reports not yet reviewed count")
    count_returned: Bool = spec(False, description="被退回的报告计入进度 / reports sent back count all the same")
    resubmit_days: _int(ge=0, le=366) = spec(
        5, description="退回后重报期限（天）/ days a unit has to correct a report sent back")


@_model
class Policy(_Model):
    """The plan's rules (规则): how far below 序时进度 a goal may be and still be on pace, the reporting period, the
    督办 levels, the report deadline, when 督办 starts counting, the Word documents, 考核 points and review."""

    tolerance: Annotated[float, Rule(strict=True, ge=0, le=1)] = 0.10
    reporting: Literal["month", "quarter"] = "month"  # a figure is current when reported in the query date's period
    escalation: list[EscalationLevel] = spec(
        factory=_default_escalation,
        description="督办 levels by consecutive period ends lagging or missed (default: 1 提醒, 2 督办, 3 通报)")
    report_by_day: _int(ge=1, le=31) | None = spec(
        None, description="报送截止日: a period's figures are due by this day of the next month (default: its end)")
    supervision_from: Date | None = spec(
        None, description="督办 counts period ends from the period this date falls in (default: the plan's issue date)")
    revised: Revised | None = spec(None, description="修改已合并的规则时填写原因 / why the merged policy changed")
    document: Document = spec(factory=Document,
                              description="发文字号, 主送机关, 署名, 成文日期, 印章 and 版记 of the Word documents")
    scoring: Scoring = spec(factory=Scoring, description="考核 points per period (gdtrack scores)")
    review: ReviewPolicy = spec(factory=ReviewPolicy, description="审核: what counts while reports are "
                                "reviewed (gdtrack review)")

    def __post_init__(self) -> None:
        afters = [e.after for e in self.escalation]
        if any(b <= a for a, b in zip(afters, afters[1:], strict=False)):
            raise Invalid("levels_order")

    def unknown_levels(self) -> list[str]:
        """The names `scoring.levels` gives points to that are no escalation level's."""
        names = {e.name for e in self.escalation}
        return [name for name in self.scoring.levels if name not in names]

    @staticmethod
    def __given__(value: dict, policy: "Policy") -> None:
        """Checks the policy as written (`value`, the mapping of the file): points for levels that do not exist are
        an error only where the file sets `scoring:` itself. Run by pydantic (below) and by the clean path's
        validator (gdtrack.files.fastvalidate) once the policy is made."""
        unknown = policy.unknown_levels() if "scoring" in value else []
        if unknown:
            levels = "、".join(e.name for e in policy.escalation)
            raise Invalid("scoring_levels", names="、".join(unknown), levels=levels)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        def given(value: Any, validate: Callable[[Any], "Policy"]) -> "Policy":
            policy = validate(value)
            if isinstance(value, dict):
                cls.__given__(value, policy)
            return policy

        return core_schema.no_info_wrap_validator_function(given, handler(source))


def _policy_default(schema: dict) -> None:
    from pydantic import TypeAdapter  # only when the schema is written (gdtrack schema)

    schema["default"] = TypeAdapter(Policy).dump_python(Policy(), mode="json")


@_model
class Plan(_Model):
    """The plan itself: its title, document number (文号), issuer, issue date and period, and its rules."""

    title: Text
    document_number: Text
    issuer: Text
    issued: Date
    period_start: Date
    period_end: Date
    policy: Policy = spec(factory=Policy, json_schema_extra=_policy_default)

    def __post_init__(self) -> None:
        if self.period_end < self.period_start:
            raise Invalid("period_order")


@_model
class Unit(_Model):
    """A lead unit (牵头单位): its full name, the short names it is also called by, and who reviews its progress
    file."""

    name: Text
    aliases: list[Text] = many()  # short names accepted on the command line and in forms (经发局 for 区经济发展局)
    reviewers: list[Text] = many()  # GitHub handles or teams, for `gdtrack codeowners`


@_model
class Chapter(_Model):
    """A chapter of the plan: its number and title, as the plan has them."""

    number: _int(ge=1)
    title: Text


@_model
class Node(_Model):
    """A 节点目标 of a numeric goal: the figure expected by a date."""

    by: Date
    value: Number


@_model
class Step(_Model):
    """A 节点 of a milestone: a named step (方案, 开工, 完工 …) due by a date."""

    by: Date
    name: Text


def _nodes_hold(schedule: list[Node], steps: list[Step]) -> None:
    """Nodes are dated in order, each later than the one before, and no two steps share a name."""
    for nodes in (schedule, steps):
        if any(b.by <= a.by for a, b in zip(nodes, nodes[1:], strict=False)):
            raise Invalid("nodes_order")
    if len({s.name for s in steps}) != len(steps):
        raise Invalid("step_names")


@_model
class Indicator(_Model):
    """A goal of a task (指标): the plan's words for it (`quote`, verbatim), how it is judged (comparator, target,
    unit, measure), by when, who reports it, and its 节点目标."""

    id: IndicatorId
    name: Text
    quote: Text
    comparator: Comparator
    target: Number | None = None
    unit: Text | None = None
    baseline: Number | None = None
    # the start value is an earlier plan's final figure: "2023:59.1" (plan name in gdtrack.toml : indicator id)
    baseline_from: Annotated[str, Rule(strict=True, pattern=r"^[^:\s]+:[0-9]+\.[0-9]+$")] | None = None
    due: Date | None = None
    owner: Text | None = None
    stretch: Bool = False
    measure: Measure | None = None
    schedule: list[Node] = many()  # numeric goals: 节点目标, the figure expected by each date
    steps: list[Step] = many()  # milestones: the steps, each due by a date
    review: Bool = False  # drafted by `gdtrack draft`: a person still has to confirm how it was read
    note: Text | None = None
    revised: Revised | None = None  # why its target, comparator, due date or owner changed once merged (--against)
    _set = None  # the nodes file's entry (GoalNodes) its schedule/steps came from, if any (checks.nodes)

    @property
    def nodes_set(self) -> "GoalNodes | None":
        """Where its nodes come from when the plan does not state them: the nodes file's entry (None: the
        catalogue's own, stated by the plan, or no nodes)."""
        return self._set

    def __post_init__(self) -> None:
        if self.comparator == "milestone":
            if self.target is not None:
                raise Invalid("milestone_target")
            if self.schedule:
                raise Invalid("milestone_schedule")
        else:
            if self.target is None:
                raise Invalid("needs_target", comparator=repr(self.comparator))
            if self.steps:
                raise Invalid("steps_numeric")
        if self.comparator in (">=", "<=", "==") and self.measure is None:
            raise Invalid("needs_measure")
        if self.comparator not in (">=", "<=", "==") and self.measure is not None:
            raise Invalid("measure_for", comparator=self.comparator)
        _nodes_hold(self.schedule, self.steps)
        if self.baseline_from is not None and self.baseline is not None:
            raise Invalid("baseline_both")
        if self.baseline_from is not None and not self.needs_start:
            raise Invalid("baseline_from_kind")

    @property
    def needs_start(self) -> bool:
        """Its completion counts from a start value (期初值): a level, a ≤ goal or a relative (delta_*) goal."""
        return self.is_level or self.comparator in DELTA_COMPARATORS

    @property
    def is_level(self) -> bool:
        """A level (rate, share, stock) or a ≤ goal: its completion counts from the start-of-period value."""
        return self.measure == "level" or self.comparator == "<="

    @property
    def is_milestone(self) -> bool:
        return self.comparator == "milestone"

    @property
    def counted(self) -> bool:
        """Its unit counts things one by one (家, 个, 人 …): its figures are whole numbers."""
        return self.unit in COUNT_UNITS


@_model
class GoalNodes(_Model):
    """The 节点目标 of one goal that the plan's text does not state: set by the office, or proposed by the owner
    unit (`proposed_by`) and counted once the office has approved them (`approved`)."""

    goal: IndicatorId
    proposed_by: Text | None = None  # the unit that proposed them; without it, the office set them
    approved: Date | None = None  # the day the office approved a unit's proposal
    note: Text | None = None
    schedule: list[Node] = many()
    steps: list[Step] = many()
    _sample = False  # its file says its nodes are invented (set by checks.nodes.apply_nodes)

    @property
    def sample(self) -> bool:
        """Its nodes are invented for the sample: the nodes file it came from says so."""
        return self._sample

    def __post_init__(self) -> None:
        if bool(self.schedule) == bool(self.steps):
            raise Invalid("nodes_one_kind")
        _nodes_hold(self.schedule, self.steps)

    @property
    def counted(self) -> bool:
        """Its nodes set the pace: the office's own, or a unit's proposal the office approved."""
        return self.proposed_by is None or self.approved is not None


@_model
class NodesFile(_Model):
    """节点目标 the plan does not state, kept beside the catalogue (nodes_2023.yaml beside tasks_2023.yaml)."""

    plan: Text = spec(description="计划文号，与目录的 document_number 相同 / the plan's document number")
    sample: Bool = spec(False, description="示例数据（虚构）/ invented for demonstration: views say so")
    goals: list[GoalNodes] = many()


@_model
class ReviewDecision(_Model):
    """审核: the office accepted (`accept`) or sent back (`return`) one unit's report, on `decided`, by `by`.
    `digest` is the report's figures as reviewed (engine.review.digest): a report changed after its review is a
    resubmission (after a return) or no longer the one accepted (after an acceptance)."""

    unit: Text
    as_of: Date = spec(description="所审核报告的截至日期 / the as_of of the report reviewed")
    decision: Literal["accept", "return"] = spec(description="accept 通过 / return 退回")
    reason: Text | None = spec(None, description="退回原因（退回时必填）/ why it was sent back")
    by: Text = spec(description="审核人 / who decided")
    decided: Date = spec(description="审核日期 / the day of the decision")
    digest: Annotated[str, Rule(strict=True, pattern=r"^[0-9a-f]{16}$")] | None = None

    def __post_init__(self) -> None:
        if self.decision == "return" and (self.reason is None or not visible(self.reason)):
            raise Invalid("return_reason")


@_model
class ExtensionDecision(_Model):
    """延期审批: the office approved (`approve`) or refused (`refuse`) a unit's request for more time on a goal."""

    unit: Text
    goal: IndicatorId
    to: Date = spec(description="申请延期至 / the new date asked for")
    decision: Literal["approve", "refuse"] = spec(description="approve 批准 / refuse 不予批准")
    reason: Text | None = spec(None, description="审批意见（不予批准时必填）/ why, required when refused")
    by: Text = spec(description="审批人 / who decided")
    decided: Date = spec(description="审批日期 / the day of the decision")

    def __post_init__(self) -> None:
        if self.decision == "refuse" and (self.reason is None or not visible(self.reason)):
            raise Invalid("refuse_reason")


@_model
class Closure(_Model):
    """销号: the office closed a goal on `decided`; it keeps its status of that day and leaves the lagging, 督办 and
    催报 lists."""

    goal: IndicatorId
    reason: Reason = spec(description="销号理由 / why the goal is closed")
    by: Text = spec(description="经办人 / who closed it")
    decided: Date = spec(description="销号日期 / the day it was closed")
    evidence: Text | None = spec(None, description="佐证材料说明 / the evidence, in words")
    attachments: list["Attachment"] = many(description="佐证材料文件（gdtrack close --attach）/ evidence files")


@_model
class DecisionsFile(_Model):
    """The office's decisions on the plan (decisions_2023.yaml beside tasks_2023.yaml): reviews of reports,
    extension decisions and closures, appended in order and never rewritten (check --against)."""

    plan: Text = spec(description="计划文号，与目录的 document_number 相同 / the plan's document number")
    sample: Bool = spec(False, description="示例数据（虚构）/ invented for demonstration: views say so")
    reviews: list[ReviewDecision] = many()
    extensions: list[ExtensionDecision] = many()
    closures: list[Closure] = many()


@_model
class OtherNumber(_Model):
    """A number of the task's text that is not a goal: `text` is the words around it as the text has them
    (年产10万台套工程, “5+1”, 〔2022〕), `why` a short reason (产能，是项目名称的一部分)."""

    text: Text
    why: Text


@_model
class Task(_Model):
    """A key task (重点工作任务): its number, chapter, title and text as the plan has them, its lead units and its
    goals."""

    id: _int(ge=1)
    chapter: _int(ge=1)
    title: Text
    text: Text
    lead_units: list[Text] = many()
    other_numbers: list[OtherNumber] = many()  # every number of `text` is in a goal's quote or here (check --source)
    indicators: list[Indicator] = many()


@_model
class Catalogue(_Model):
    """The plan as data (tasks_2023.yaml): the plan, its lead units, chapters and tasks, each traceable to the
    plan's text."""

    plan: Plan
    units: list[Unit]
    chapters: list[Chapter]
    tasks: list[Task]
    _nodes_file = None  # the NodesFile its goals' nodes came from, set by checks.nodes.apply_nodes

    @property
    def nodes_file(self) -> "NodesFile | None":
        """The nodes file whose nodes this catalogue's goals carry (None: only the plan's own)."""
        return self._nodes_file

    @property
    def nodes_sample(self) -> bool:
        """Nodes the goals follow are invented for the sample (the nodes file says so)."""
        return self._nodes_file is not None and self._nodes_file.sample

    # Indexes, built once per catalogue: checks and the engine look things up per entry, per file.

    @cached_property
    def _pairs(self) -> list[tuple[Task, Indicator]]:
        return [(task, ind) for task in self.tasks for ind in task.indicators]

    def indicators(self) -> list[tuple[Task, Indicator]]:
        """Every (task, indicator), in catalogue order."""
        return self._pairs

    @cached_property
    def pending(self) -> tuple[str, ...]:
        """The goals still pending: drafted (`review: true`) and not yet confirmed by a person."""
        return tuple(ind.id for _, ind in self._pairs if ind.review)

    @cached_property
    def unit_names(self) -> frozenset[str]:
        return frozenset(u.name for u in self.units)

    @cached_property
    def unit_lookup(self) -> dict[str, str]:
        """Every unit's full name and each of its aliases → the full name (a full name wins over an alias)."""
        out = {alias: u.name for u in self.units for alias in u.aliases}
        out.update((u.name, u.name) for u in self.units)
        return out

    def resolve_unit(self, name: str) -> str | None:
        """The full name of the unit called `name` (its full name or an alias), else None."""
        return self.unit_lookup.get(name.strip())

    @cached_property
    def by_id(self) -> dict[str, tuple[Task, Indicator]]:
        return {ind.id: (task, ind) for task, ind in self._pairs}

    @cached_property
    def owner_of(self) -> dict[str, str | None]:
        """Each indicator id → the unit that reports it (`owner`): the checks ask for every figure of every file."""
        return {ind.id: self.owner(task, ind) for task, ind in self._pairs}

    @cached_property
    def owned(self) -> dict[str | None, list[tuple[Task, Indicator]]]:
        """The indicators each unit reports."""
        out: dict[str | None, list[tuple[Task, Indicator]]] = {}
        for task, ind in self._pairs:
            out.setdefault(self.owner(task, ind), []).append((task, ind))
        return out

    @cached_property
    def last_due(self) -> dt.date:
        """The latest due date of any goal (at least the plan's end)."""
        return max([self.plan.period_end, *(ind.due for _, ind in self._pairs if ind.due)])

    def due(self, indicator: Indicator) -> dt.date:
        """The indicator's due date: its own, else the plan's end."""
        return indicator.due or self.plan.period_end

    @staticmethod
    def owner(task: Task, indicator: Indicator) -> str | None:
        """The unit that reports the indicator: its own `owner`, else the task's first lead unit."""
        return indicator.owner or (task.lead_units[0] if task.lead_units else None)


# ── progress files ─────────────────────────────────────────────────────────────────────────────


# Progress files are many (a province: thousands of files, hundreds of thousands of entries), so they are slotted
# frozen dataclasses: the same strict validation as the models above at a fraction of the memory.

_record = frozen(slots=True)


@_record
class Revision(_Record):
    """Why a figure already reported was changed: `gdtrack check --against REF` then warns instead of failing."""

    reason: Reason = spec(description="修改已报送数字的原因 / why a figure already reported was changed")


def _relative_file(path: str) -> str:
    """A stored evidence file's path: relative to the data repository's root, with / between its parts, none of
    them empty, `.` or `..`, and no control characters (a path in a progress file never leaves the repository)."""
    parts = path.split("/")
    if (path.startswith("/") or "\\" in path or ":" in parts[0] or any(p in ("", ".", "..") for p in parts)
            or not visible(path) or any(ord(c) < 32 or ord(c) == 127 for c in path)):
        raise Invalid("attachment_file", file=path)
    return path


@_record
class Attachment(_Record):
    """A file of evidence (佐证材料: a photo, a scanned 批复, a contract) stored in the data repository
    (gdtrack.repository.evidence), named by its path and fixed by its size and SHA-256 (`gdtrack check`)."""

    file: Annotated[str, Rule(_relative_file, strict=True, min_length=1, max_length=500)] = spec(
        description="佐证材料文件，从数据仓库根目录算起的路径，如 data/evidence/区经济发展局/2023-09-30/批复.pdf"
                    " / the stored file, relative to the data repository's root")
    sha256: Annotated[str, Rule(strict=True, pattern=r"^[0-9a-f]{64}$")] = spec(
        description="文件内容的 SHA-256（64 位小写十六进制）/ the file's SHA-256, 64 lowercase hex digits")
    bytes: _int(ge=0) = spec(description="文件大小（字节）/ the file's size in bytes")


@_record
class Entry(_Record):
    """One figure of a report: the goal, its value, and what explains it (note, source, why it was changed, attached
    evidence)."""

    indicator: IndicatorId = spec(description='指标编号，加引号，如 "7.1" / the indicator id, quoted')
    value: Number | Text | None = spec(
        None,
        description="累计类填年初至今累计数，水平类（比率、人均、存量）填当前水平，只写数字；"
                    "里程碑填 已完成 / 推进中 / 未启动 / 受阻（或 done / in_progress / not_started / blocked）"
                    "或已到达的节点名称；留空表示尚未报送. A bare number: the year-to-date total, or the current "
                    "level for rates and stocks; milestones: a state word or the name of the furthest step reached; "
                    "blank: not reported yet (the entry is checked, then left out).")
    note: Text | None = spec(None, description="说明 / a short explanation")
    evidence: Text | None = spec(None, description="数据来源，如 经发局9月台账 / where the figure comes from")
    revised: Revision | None = spec(None, description="修改已报送数字时填写原因 / filled in when a figure already "
                                                      "reported is changed: revised: {reason: …}")
    attachments: list[Attachment] = spec(
        factory=_empty, description="佐证材料文件（record --attach、报送表的“佐证材料文件”列写入）/ evidence "
                                    "files, written by record --attach and by import from the form")


@_record
class Report(_Record):
    """One report of a unit: its figures as they stand on `as_of`, and the days it was sent and corrected."""

    as_of: Date = spec(description="截至日期 YYYY-MM-DD / the date the figures are true on")
    entries: list[Entry] = spec(factory=_empty)
    submitted: Date | None = spec(None, description="报送日期：首次填入数字的日期（record、import 自动记下）/ "
                                  "the day its first figure was written (record and import stamp it): 及时率")
    resubmitted: Date | None = spec(None, description="重报日期：退回后修改的日期（record、import 自动记下）/ "
                                    "the day it was corrected after the office sent it back")


@_record
class Baseline(_Record):
    """The start value (期初值) of one of the unit's level or relative goals, and where it comes from."""

    indicator: IndicatorId = spec(description='指标编号，加引号 / the indicator id, quoted')
    value: Number = spec(description="期初值（计划期开始时的水平）/ the value when the period starts")
    evidence: Text | None = spec(None, description="来源，如 2022年统计年报 / where the figure comes from")
    note: Text | None = spec(None, description="说明 / a short explanation")
    revised: Revision | None = spec(None, description="修改已合并的期初值的原因 / why a merged start value changed")


@_record
class Response(_Record):
    """A unit's reply to 督办 on one of its goals: the measures it takes (整改措施) and by when (整改时限)."""

    indicator: IndicatorId = spec(description='指标编号，加引号 / the indicator id, quoted')
    measures: Text = spec(description="整改措施 / the measures the unit takes")
    by: Date = spec(description="整改时限 YYYY-MM-DD / the date the goal is to be back on pace by")
    replied: Date | None = spec(None, description="答复日期 YYYY-MM-DD / the date of the reply")
    revised: Revision | None = spec(None, description="修改已合并的答复时填写原因 / why a merged reply changed")

    # Not `on:` in the file: YAML 1.1 reads the key `on` as true, and gdtrack refuses it (yaml-bool).
    @property
    def on(self) -> dt.date | None:
        """The date the reply was given (`replied`)."""
        return self.replied


@_record
class ExtensionRequest(_Record):
    """延期申请: a unit asks for more time on one of its goals, before its due date; the office decides (review)."""

    indicator: IndicatorId = spec(description='指标编号，加引号 / the indicator id, quoted')
    to: Date = spec(description="申请延期至 YYYY-MM-DD / the new date asked for")
    reason: Reason = spec(description="延期理由 / why more time is needed")
    requested: Date = spec(description="申请日期 YYYY-MM-DD / the day of the request")


@_record
class ProgressFile(_Record):
    """One lead unit's progress reports (gdtrack)."""

    unit: Text = spec(description="牵头单位全称 / the lead unit's full name, as in the catalogue")
    reports: list[Report] = spec(factory=_empty)
    baselines: list[Baseline] = spec(factory=_empty, description="期初值 / start-of-period values of the "
                                     "level and relative goals this unit owns")
    sample: Bool = spec(False, description="示例数据（虚构）/ invented figures for demonstration: bulletins say so")
    responses: list[Response] = spec(factory=_empty, description="督办答复 / replies to 督办: measures "
                                     "and the date they are to take effect by")
    extensions: list[ExtensionRequest] = spec(factory=_empty, description="延期申请 / requests for more time "
                                              "on a goal, decided by the office (gdtrack review)")

    def reported(self) -> "ProgressFile":
        """This file without its blank entries (`value:` left empty, as a template has them): the figures the
        engine counts. Checks see the whole file, blanks included, so a blank's indicator id is still checked."""
        if all(e.value is not None for r in self.reports for e in r.entries):
            return self
        return replace(self, reports=[replace(r, entries=[e for e in r.entries if e.value is not None])
                                      for r in self.reports])


MODELS: tuple[type, ...] = tuple(v for v in dict(globals()).values()
                                 if isinstance(v, type) and dataclasses.is_dataclass(v) and v.__module__ == __name__)
"""Every model of this module (what the cache may build)."""


def plain_data(value: Any, *, dates: bool = False, drop_none: bool = False) -> Any:
    """A model as plain data, field by field in their order (nested models, lists and dicts too): dates as they are,
    or as YYYY-MM-DD text with `dates`; fields that are None left out with `drop_none`."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if not (drop_none and item is None):
                out[f.name] = plain_data(item, dates=dates, drop_none=drop_none)
        return out
    if isinstance(value, list | tuple):
        return [plain_data(v, dates=dates, drop_none=drop_none) for v in value]
    if isinstance(value, dict):
        return {k: plain_data(v, dates=dates, drop_none=drop_none) for k, v in value.items()}
    if dates and isinstance(value, dt.date):
        return value.isoformat()
    return value


def json_schema(kind: Literal["catalogue", "progress", "nodes", "decisions"]) -> str:
    """The JSON Schema of catalogue, progress, nodes or decisions files (draft 2020-12), for editors' completion and
    checks."""
    import json

    from pydantic import TypeAdapter

    model = {"catalogue": Catalogue, "progress": ProgressFile, "nodes": NodesFile, "decisions": DecisionsFile}[kind]
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **TypeAdapter(model).json_schema()}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
