"""An election as the rules see it: exact costs, and who voted for what."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

import numpy as np

VOTE_TYPES = ("approval", "choose-1", "cumulative", "scoring", "ordinal")


@dataclass(frozen=True)
class Project:
    """A project on the ballot; `cost` is exact, as the rules compare costs exactly."""

    id: str
    cost: Fraction
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def name(self) -> str:
        return self.meta.get("name", "")


@dataclass
class Election:
    """Projects, budget and ballots, held as compressed rows for fast tallies.

    Ballot `v` lists the projects `ballot_projects[ballot_ptr[v]:ballot_ptr[v + 1]]`
    (indexes into `projects`, in the voter's order) with the matching `ballot_points`
    for cumulative and scoring ballots. Empty ballots count as voters.
    """

    meta: dict[str, str]
    projects: list[Project]
    budget: Fraction
    vote_type: str
    ballot_ptr: np.ndarray
    ballot_projects: np.ndarray
    ballot_points: np.ndarray | None = None
    # Kept only when asked for (exports and imports), as the tally needs neither.
    voter_ids: list[str] | None = None
    voter_columns: list[str] = field(default_factory=list)
    voter_details: list[list[str]] | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def num_voters(self) -> int:
        return len(self.ballot_ptr) - 1

    @cached_property
    def project_index(self) -> dict[str, int]:
        return {p.id: i for i, p in enumerate(self.projects)}

    @cached_property
    def costs(self) -> list[Fraction]:
        return [p.cost for p in self.projects]

    @cached_property
    def supporters(self) -> list[np.ndarray]:
        """The voters whose ballot names each project (once each), by project."""
        voters = np.repeat(
            np.arange(self.num_voters, dtype=np.int32), np.diff(self.ballot_ptr)
        )
        order = np.argsort(self.ballot_projects, kind="stable")
        by_project = self.ballot_projects[order]
        bounds = np.searchsorted(by_project, np.arange(len(self.projects) + 1))
        ordered = voters[order]
        return [
            np.unique(ordered[bounds[i] : bounds[i + 1]])
            for i in range(len(self.projects))
        ]

    @cached_property
    def votes(self) -> list[int]:
        """How many voters named each project."""
        return [len(s) for s in self.supporters]

    def ballot(self, voter: int) -> list[str]:
        """The project ids on one voter's ballot, in the voter's order."""
        start, end = self.ballot_ptr[voter], self.ballot_ptr[voter + 1]
        return [self.projects[i].id for i in self.ballot_projects[start:end]]

    @property
    def is_approval(self) -> bool:
        return self.vote_type in ("approval", "choose-1")
