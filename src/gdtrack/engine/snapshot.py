"""One evaluation per run, and everything every view reads from it: the plan at the query date.

`Snapshot` holds the evaluation of the whole plan (with the start values that `baseline_from` gives) and the
progress files it came from; the history at each period end, the escalations, the forecasts and the 催报 list are
worked out from that one evaluation the first time a view asks, and never again. `status`, `lagging`, `units`,
`explain`, `history`, `escalations`, `remind`, `notice`, `report` and `export` all read the same snapshot, so a
goal has one colour, one level and one forecast in all of them. Pure: no files, no printing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cached_property

from gdtrack.engine.escalated import at_least, level_names
from gdtrack.engine.evaluation import Evaluation, Result
from gdtrack.engine.forecast import Forecast, forecast
from gdtrack.engine.supervision import Escalation, History, Reminder, escalations, history_of, reminders
from gdtrack.models import ProgressFile
from gdtrack.values import Value, record


@record
class Snapshot(Value):
    """The plan at `evaluation.query`: the whole evaluation, and (`shown`) the goals a unit or chapter filter
    keeps. Rules that look across goals (history, escalation runs) are worked out on the whole plan; lists are
    narrowed to the filter."""

    evaluation: Evaluation
    files: tuple[ProgressFile, ...]
    unit: str | None = None
    chapter: int | None = None
    unread: tuple[str, ...] = ()  # units whose progress file could not be read: their goals have no figures here
    committed: Mapping[str, Mapping[dt.date, dt.date]] | None = None  # unit → as_of → the day git says it came in

    @property
    def catalogue(self):
        return self.evaluation.catalogue

    @property
    def sample(self) -> bool:
        """The figures are invented samples (a progress file says so), or the nodes the goals follow are (the nodes
        file says so): every view and document says it too."""
        return any(pf.sample for pf in self.files) or self.catalogue.nodes_sample

    @property
    def query(self):
        return self.evaluation.query

    @cached_property
    def shown(self) -> Evaluation:
        """The evaluation narrowed to the unit and chapter asked for (the whole of it without a filter)."""
        return self.evaluation.only(unit=self.unit, chapter=self.chapter)

    @cached_property
    def history(self) -> History:
        """Every goal's status at each period end up to the query date (engine.supervision.history_of)."""
        return history_of(self.evaluation)

    @cached_property
    def forecasts(self) -> dict[str, Forecast | None]:
        """Each goal's year-end forecast (None where there is none)."""
        return {r.id: forecast(r) for r in self.evaluation.results}

    @cached_property
    def all_escalations(self) -> list[Escalation]:
        """The goals at an escalation level at the last period end, for the whole plan; none of a unit whose data
        could not be read (`unread`): it may well have reported."""
        found = escalations(self.catalogue, self.files, self.query, hist=self.history, now=self.evaluation)
        return [e for e in found if e.owner not in self.unread]

    @cached_property
    def timeliness(self):
        """Each unit's reports per due period: received, on time, late (engine.timeliness); a report without its
        `submitted` day takes the day of its commit where the repository found one (`committed`)."""
        from gdtrack.engine.timeliness import timeliness

        return timeliness(self.catalogue, self.files, self.query, self.unread, self.committed,
                          office=self.evaluation.office)

    @cached_property
    def scores(self):
        """The 考核 scores at the query date, every unit's (engine.scoring), from this snapshot's history."""
        from gdtrack.engine.scoring import scores

        return scores(self.evaluation, self.history, self.files, self.all_escalations, self.unread, self.timeliness)

    @property
    def escalations(self) -> list[Escalation]:
        """The escalations of the goals shown (the unit's and chapter's)."""
        ids = {r.id for r in self.shown.results}
        return [e for e in self.all_escalations if e.id in ids]

    def escalation(self, indicator_id: str) -> Escalation | None:
        return self._escalation_of.get(indicator_id)

    @cached_property
    def _escalation_of(self) -> dict[str, Escalation]:
        """Goal → its escalation (the first, as a search of all_escalations finds it): a look-up, not a search per
        goal (the ledger asks for every goal, twice)."""
        found: dict[str, Escalation] = {}
        for e in self.all_escalations:
            found.setdefault(e.id, e)
        return found

    @property
    def supervised(self) -> list[Escalation]:
        """督办 or above: the escalations at the plan's second level or higher (the only level, where the plan has
        one), most pressing first, as the 督办单 and the bulletin's table list them."""
        names = level_names(self.catalogue)
        return at_least(self.escalations, names[min(1, len(names) - 1)], names) if names else []

    @property
    def reminders(self) -> list[Reminder]:
        """催报: per unit shown, the goals with no figure this period (not a unit whose data could not be read)."""
        return [m for m in reminders(self.shown) if m.unit not in self.unread]

    def result(self, indicator_id: str) -> Result | None:
        return self.evaluation.by_id.get(indicator_id)
