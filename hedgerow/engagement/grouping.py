"""Grouping insights by threat theme and by area, and choosing quotes for a group.

Plain Python over insights already fetched (with their event, LSOA and themes):
the insight page and the event report group the same way.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain, zip_longest

from django.utils.translation import gettext as _

from hedgerow.engagement.models import Insight

QUOTES_PER_GROUP = 3


def representative_quotes(
    insights: Iterable[Insight], limit: int = QUOTES_PER_GROUP
) -> list[Insight]:
    """Up to `limit` quotable insights, spread across events, newest events first.

    One from each event before a second from any: a group's quotes should show how
    widely a concern was heard, not one lively table, and the most recent insights
    alone would often all come from the last event. Within an event the most
    recently recorded comes first; only insights marked quotable are chosen.
    """
    newest_first = sorted(
        (i for i in insights if i.is_quotable),
        key=lambda i: (i.event.held_on, i.event_id, i.created_at, i.pk),
        reverse=True,
    )
    by_event: dict[int, list[Insight]] = {}
    for insight in newest_first:
        by_event.setdefault(insight.event_id, []).append(insight)
    rounds = chain.from_iterable(zip_longest(*by_event.values()))
    return [insight for insight in rounds if insight is not None][:limit]


@dataclass
class InsightGroup:
    """Insights on one theme, or about one area, across events."""

    key: int | None
    label: str
    insights: list[Insight] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many insights are in the group."""
        return len(self.insights)

    @property
    def event_count(self) -> int:
        """How many events the group's insights came from."""
        return len({insight.event_id for insight in self.insights})

    @property
    def quotes(self) -> list[Insight]:
        """Up to three quotable insights, spread across events."""
        return representative_quotes(self.insights)


Keys = Callable[[Insight], list[tuple[int | None, str]]]


def theme_keys(insight: Insight) -> list[tuple[int | None, str]]:
    """Each threat theme of the insight, or the "no theme" group."""
    themes: list[tuple[int | None, str]] = [
        (theme.pk, theme.name) for theme in insight.themes.all()
    ]
    return themes or [(None, _("No threat theme given"))]


def area_keys(insight: Insight) -> list[tuple[int | None, str]]:
    """The LSOA the insight concerns, or the "not recorded" group."""
    if insight.lsoa is None:
        return [(None, _("Neighbourhood not recorded"))]
    return [(insight.lsoa_id, str(insight.lsoa))]


def grouped(insights: Iterable[Insight], keys: Keys) -> list[InsightGroup]:
    """Insights grouped by `keys`, most insights first; the "none" group last."""
    groups: dict[int | None, InsightGroup] = {}
    for insight in insights:
        for key, label in keys(insight):
            groups.setdefault(key, InsightGroup(key=key, label=label))
            groups[key].insights.append(insight)
    return sorted(
        groups.values(), key=lambda g: (g.key is None, -g.count, g.label.casefold())
    )
