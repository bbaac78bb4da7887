"""The bundled data: complete, consistent with the seed, every figure cited."""

from __future__ import annotations

import re

import pytest

from mlcareer.aspects import BY_KEY as ASPECTS
from mlcareer.catalog import find_role, load_bundled
from mlcareer.compare import compare
from mlcareer.models import Catalog, Role

ADJECTIVES = re.compile(r"\b(basic|good|expert|advanced|beginner|intermediate|strong|solid|proficient)\b", re.I)
RANK = re.compile(
    r"\b(team|teams|lead|leads|led|leading|manager\w*|management|mentor\w*|senior|junior|standards?|"
    r"supervis\w*|head of|director|staff|principal|for others|reports to)\b",
    re.I,
)
"""Words of rank or authority: a strong individual contributor must be able to claim every level."""
JOINED = {
    ("python", 2): "functions and classes describe the one program written",
    ("math-stats", 1): "means, spreads and correlations are examples of the one computation",
    ("data-wrangling", 1): "filtering and sorting are one query",
    ("data-wrangling", 2): "joining and aggregating are one query that answers a question",
    ("mlops", 3): "retrains, validates and deploys are the stages of the one pipeline built",
    ("containers", 4): "upgrades and incidents are what the one cluster was kept running through",
    ("responsible-ai", 4): "fairness and safety name the one evaluation designed",
    ("experimentation", 1): "tables and charts are the means of the one exploration",
}
"""Anchors that say 'and' without joining two deeds, with the reason."""


def test_catalogue_has_at_least_twelve_skills_each_with_five_anchored_levels(bundled: Catalog) -> None:
    assert len(bundled.skills) >= 12
    for skill in bundled.skills:
        assert len(skill.anchors) == 5, skill.id
        assert len(set(skill.anchors)) == 5, f"{skill.id} repeats an anchor"
        for anchor in skill.anchors:
            assert anchor.startswith("has "), f"{skill.id}: anchors say what a person has done: {anchor!r}"
            assert not ADJECTIVES.search(anchor), f"{skill.id}: an adjective instead of a behaviour: {anchor!r}"


@pytest.mark.parametrize("skill", [s.id for s in load_bundled().skills])
def test_anchors_name_one_deed_without_rank(bundled: Catalog, skill: str) -> None:
    for level, anchor in enumerate(bundled.skill(skill).anchors):
        assert not RANK.search(anchor), f"{skill} {level}: rank, not skill: {anchor!r}"
        if " and " in anchor:
            assert (skill, level) in JOINED, f"{skill} {level}: two deeds joined by 'and'? {anchor!r}"
        if level:
            assert not anchor.startswith("has not"), f"{skill} {level}: only level 0 says what is not yet done"
    assert bundled.skill(skill).anchors[0].startswith("has not yet "), f"{skill} 0 says what is not yet done"


def test_anchors_are_distinct_across_skills(bundled: Catalog) -> None:
    """No anchor reads like another skill's: a person must recognise themselves in exactly one sentence."""
    import difflib

    anchors = [(s.id, level, a) for s in bundled.skills for level, a in enumerate(s.anchors) if level]
    for index, (skill, level, anchor) in enumerate(anchors):
        for other, other_level, other_anchor in anchors[index + 1 :]:
            if other != skill:
                ratio = difflib.SequenceMatcher(None, anchor, other_anchor).ratio()
                assert ratio < 0.7, (
                    f"{skill} {level} and {other} {other_level} read alike: {anchor!r} / {other_anchor!r}"
                )


def test_every_level_step_of_every_skill_has_a_resource(bundled: Catalog) -> None:
    for skill in bundled.skills:
        for level in range(1, 5):
            assert skill.resources_for(level), f"{skill.id} has no resource for the step to level {level}"
        for resource in skill.resources:
            assert resource.author and resource.title and resource.hours > 0
            assert resource.url.startswith("https://"), resource.title
            assert resource.verified or resource.note, f"{resource.title}: an unverified resource says why"


def test_prerequisites_come_from_lower_or_foundational_skills(bundled: Catalog) -> None:
    ids = {s.id for s in bundled.skills}
    for skill in bundled.skills:
        for requirement in skill.requires:
            assert requirement.skill in ids and requirement.skill != skill.id
            assert 1 <= requirement.at <= 4 and 1 <= requirement.level <= 4


def test_bundled_roles_in_order(bundled: Catalog) -> None:
    assert [r.id for r in bundled.roles] == ["ml-engineer", "data-scientist", "ai-researcher"]


@pytest.mark.parametrize("aspect", list(ASPECTS))
def test_every_bundled_role_fills_every_aspect(bundled: Catalog, aspect: str) -> None:
    result = compare(bundled, bundled.roles, [aspect])
    for row in result.rows:
        for role, cell in zip(result.roles, row.cells, strict=True):
            assert cell.lines or cell.figures or cell.level is not None, f"{role.id} has no {aspect}"


def test_every_bundled_role_rates_every_skill(bundled: Catalog) -> None:
    ids = [s.id for s in bundled.skills]
    for role in bundled.roles:
        assert sorted(r.skill for r in role.skills) == sorted(ids), role.id


def _need(role: Role, skill: str) -> tuple[int, int]:
    """The level asked at the mid stage, then the importance."""
    rated = role.requirement(skill)
    assert rated is not None
    return rated.mid, rated.importance


def test_ratings_follow_the_seed(bundled: Catalog) -> None:
    mle, ds, air = (find_role(bundled, n) for n in ("mle", "ds", "researcher"))
    # Engineers: deployment, MLOps, cloud, software practice.
    for skill in ("mlops", "cloud", "software-engineering", "containers"):
        assert _need(mle, skill) > _need(ds, skill), skill
        assert _need(mle, skill) > _need(air, skill), skill
    # Scientists: analysis, statistics, communication.
    for skill in ("experimentation", "data-wrangling"):
        assert _need(ds, skill) > _need(mle, skill), skill
    assert _need(ds, "communication")[1] == 5
    assert _need(ds, "math-stats") > _need(mle, "math-stats")
    # Researchers: theory, papers, novel algorithms.
    for skill in ("research", "math-stats", "ml-fundamentals"):
        assert _need(air, skill) > _need(mle, skill), skill
        assert _need(air, skill) >= _need(ds, skill), skill


def test_every_figure_names_its_source_and_year(bundled: Catalog) -> None:
    for role in bundled.roles:
        figures = (*role.pay.figures, *role.outlook.figures, *role.education.figures)
        assert role.pay.figures and role.outlook.figures, role.id
        for figure in figures:
            assert figure.source
            seed = figure.source == "Seed article"
            if figure.year is None:
                assert seed or "no year" in figure.note, f"{role.id}: {figure.label}: an undated figure says why"
            else:
                assert not seed, "the seed article has no date"
            if seed:
                assert "seed" in figure.label.lower(), f"the seed's figures are labelled as the seed's: {figure.label}"


def test_official_figures_match_the_reference(bundled: Catalog) -> None:
    text = {r.id: " ".join(f.value for f in (*r.pay.figures, *r.outlook.figures)) for r in bundled.roles}
    assert "$112,590" in text["data-scientist"] and "34%" in text["data-scientist"]
    assert "$140,910" in text["ai-researcher"] and "20%" in text["ai-researcher"]
    assert "$133,080" in text["ml-engineer"] and "$140,910" in text["ml-engineer"]
    assert "$100,000-$150,000" in text["ml-engineer"] and "$200,000" in text["ml-engineer"]
    mle = find_role(bundled, "mle")
    assert any("stand-in" in f.note for f in mle.pay.figures), "ML engineer pay says it uses stand-in occupations"


SEED_FACTS = {
    "overview": ["bridge", "production", "business value"],
    "origins": ["2015-2017", "Google", "Facebook", "Amazon", "data scientists", "notebooks", "2010"],
    "tools": [
        "Python",
        "Java",
        "Scala",
        "C++",
        "TensorFlow",
        "PyTorch",
        "scikit-learn",
        "AWS",
        "Azure",
        "GCP",
        "Docker",
        "Kubernetes",
    ],
    "workplaces": ["Google", "Meta", "Microsoft", "Fraud", "trading", "Diagnostic", "drug discovery", "Autonomous"],
    "debates": ["theory", "AutoML", "bias", "fairness", "specialists"],
    "future": ["monitoring", "explainable", "Edge", "security", "cost", "environmental"],
    "getting_started": ["Kaggle", "open-source", "internships", "cloud computing", "scikit-learn"],
    "challenges": ["drift", "legacy", "bias", "pace", "pipelines"],
    "people": ["Andrew Ng", "Chip Huyen", "Dario Roda", "Ben Lorica", "reinforcement learning", "LLM"],
    "education": ["PhD", "bachelor's", "master's", "software engineering"],
}


@pytest.mark.parametrize("aspect", list(SEED_FACTS))
def test_the_seed_article_is_in_the_ml_engineer_data(bundled: Catalog, aspect: str) -> None:
    role = find_role(bundled, "ml-engineer")
    text = repr(getattr(role, aspect)).lower()
    for fact in SEED_FACTS[aspect]:
        assert fact.lower() in text, f"{aspect}: {fact!r} from the seed is missing"
