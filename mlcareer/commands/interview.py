"""The quiz's questions in order: role, stage, one per skill, going back when asked, then a review.

The questions themselves are in `mlcareer.prompts`; this module only decides which comes next.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from mlcareer.catalog import find_role
from mlcareer.models import Catalog, Role, Skill, Stage

if TYPE_CHECKING:
    from mlcareer.prompts import Move


class Interview:
    """The answers so far; `ask` puts one question (which may go back), `review` lists them to change."""

    def __init__(self, cat: Catalog, target: Role | None, stage: Stage | None) -> None:
        from mlcareer.prompts import Move

        self.cat = cat
        self.steps: list[Skill | Literal[Move.ROLE, Move.STAGE]] = []
        if target is None:
            self.steps.append(Move.ROLE)
        if stage is None:
            self.steps.append(Move.STAGE)
        self.steps += cat.skills
        self.target = target
        self.stage = stage
        self.role_answer: str | Literal[Move.NEW] | None = Move.NEW
        self.stage_answer: Stage | Literal[Move.NEW] = Move.NEW
        self.given: dict[str, int | None] = {}

    def ask(self, step: Skill | Literal[Move.ROLE, Move.STAGE], back: str | None) -> bool:
        """Put one question, its previous answer preselected; False when the person went back."""
        from mlcareer import prompts
        from mlcareer.prompts import Move

        if step is Move.ROLE:
            role = prompts.ask_role(self.cat.roles, self.role_answer, back)
            if role is Move.BACK:
                return False
            self.role_answer = role
            self.target = find_role(self.cat, role) if role is not None else None
        elif step is Move.STAGE:
            stage = prompts.ask_stage(self.stage_answer, back)
            if stage is Move.BACK:
                return False
            self.stage = self.stage_answer = stage
        else:
            skills = self.cat.skills
            level = prompts.ask_level(
                step, skills.index(step) + 1, len(skills), self.given.get(step.id, Move.NEW), back
            )
            if level is Move.BACK:
                return False
            self.given[step.id] = level
        return True

    def run(self) -> tuple[dict[str, int | None], Role | None, Stage | None]:
        """Every question in order (back goes to the one before), then the review until it is scored."""
        from mlcareer import prompts
        from mlcareer.prompts import Move

        index = 0
        while index < len(self.steps):
            # NOTE: the first question offers no way back; its back keys do nothing
            if self.ask(self.steps[index], prompts.PREVIOUS if index else None):
                index += 1
            else:
                index -= 1
        while True:
            role_title = self.role_answer if self.role_answer is Move.NEW else self.target.title if self.target else ""
            picked = prompts.ask_review(role_title, self.stage_answer, self.cat.skills, self.given)
            if picked is Move.SCORE:
                return {s.id: self.given[s.id] for s in self.cat.skills}, self.target, self.stage
            self.ask(picked, prompts.TO_REVIEW)
