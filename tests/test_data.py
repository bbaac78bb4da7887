"""The bundled data: complete, consistent with the article, every figure cited with a link."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlcareer.aspects import BY_KEY as ASPECTS
from mlcareer.catalog import find_role, load_bundled
from mlcareer.compare import compare
from mlcareer.models import Catalog, Figure, Role

ARTICLE = 'The article "Machine Learning Engineers | Don\'t Miss That Window"'

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
    ids = [r.id for r in bundled.roles]
    assert ids == ["ml-engineer", "data-scientist", "ai-researcher", "ai-engineer", "mlops-engineer"]
    assert [r.id for r in bundled.roles if r.from_article] == ids[:3], "the article compares three roles"


@pytest.mark.parametrize("aspect", list(ASPECTS))
def test_every_bundled_role_fills_every_aspect(bundled: Catalog, aspect: str) -> None:
    result = compare(bundled, bundled.roles, [aspect])
    for row in result.rows:
        for role, cell in zip(result.roles, row.cells, strict=True):
            assert cell.lines or cell.figures or cell.points or cell.level is not None, f"{role.id} has no {aspect}"


def test_every_pay_amount_is_the_one_its_value_says(bundled: Catalog) -> None:
    amounts = [f for r in bundled.roles for f in r.pay.figures if f.low is not None]
    assert len(amounts) >= 10
    for figure in amounts:
        assert f"${figure.low:,}" in figure.value, figure
        assert figure.high is None or f"${figure.high:,}" in figure.value, figure
        assert (figure.currency, figure.per) == ("USD", "year"), figure
    assert all("$" not in f.value for r in bundled.roles for f in r.pay.figures if f.low is None)


def test_every_bundled_role_rates_every_skill(bundled: Catalog) -> None:
    ids = [s.id for s in bundled.skills]
    for role in bundled.roles:
        assert sorted(r.skill for r in role.skills) == sorted(ids), role.id


def _need(role: Role, skill: str) -> tuple[int, int]:
    """The level asked at the mid stage, then the importance."""
    rated = role.requirement(skill)
    assert rated is not None
    return rated.mid, rated.importance


def test_ratings_follow_the_article(bundled: Catalog) -> None:
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


def test_the_new_roles_lean_where_the_field_says(bundled: Catalog) -> None:
    aie, mlops, mle = (find_role(bundled, n) for n in ("aie", "mlops", "mle"))
    assert _need(aie, "llm-apps") > _need(mle, "llm-apps") and _need(aie, "llm-apps")[1] == 5
    assert _need(aie, "ai-security") > _need(find_role(bundled, "ds"), "ai-security")
    for skill in ("containers", "cloud", "mlops"):
        assert _need(mlops, skill) >= _need(mle, skill), skill
    assert _need(mlops, "research") < _need(mle, "research") or _need(mlops, "research")[0] <= 1


def _figures(role: Role) -> tuple[Figure, ...]:
    return (*role.pay.figures, *role.outlook.figures, *role.education.figures)


def test_every_figure_has_source_year_kind_and_a_link(bundled: Catalog) -> None:
    for role in bundled.roles:
        assert role.pay.figures and role.outlook.figures, role.id
        for figure in _figures(role):
            where = f"{role.id}: {figure.label}"
            assert figure.source and figure.kind in ("official", "industry", "research", "article"), where
            if figure.kind == "article":
                assert figure.source.startswith(ARTICLE), f"{where}: the article is named by its title"
                assert "article" in figure.label.lower(), f"{where}: labelled as the article's"
                assert figure.year is None, f"{where}: the article is undated"
            else:
                assert figure.url.startswith("https://"), f"{where}: a link to its primary page"
                assert figure.year is not None or figure.note, f"{where}: an undated figure says why"
            if not figure.verified and figure.kind != "article":
                assert figure.note, f"{where}: an unverified figure says what was not checked"


def test_official_and_industry_figures_are_labelled_apart(bundled: Catalog) -> None:
    for role in bundled.roles:
        for figure in _figures(role):
            if figure.source.startswith(("US BLS", "O*NET")):
                assert figure.kind == "official", figure.label
            if any(name in figure.source for name in ("Lightcast", "LinkedIn", "roadmap.sh")):
                assert figure.kind == "industry", figure.label


def test_the_software_developers_groupings_are_never_mixed(bundled: Catalog) -> None:
    for role in bundled.roles:
        for figure in _figures(role):
            if "115,200" in figure.value:
                assert "alone" in figure.label or "15-1252" in figure.label, figure.label
                assert "15%" not in figure.value.replace("15.8%", ""), figure.value
            if "129,200" in figure.value:
                assert "QA" in figure.label, figure.label


def test_no_word_of_the_seed_and_no_lab_that_is_gone(bundled: Catalog) -> None:
    from mlcareer.catalog import bundled_dir

    for name in ("roles.yaml", "skills.yaml", "faq.yaml"):
        text = (bundled_dir() / name).read_text(encoding="utf-8")
        assert not re.search(r"\bseed\b", text, re.I), f"{name} says 'seed'; name the article by its title"
        for line in text.splitlines():
            if "Google Brain" in line:
                assert "merged" in line or "DeepMind" in line, f"{name}: Google Brain is not a current lab: {line}"


def test_the_documents_name_the_article_by_its_title() -> None:
    root = Path(__file__).parent.parent
    for name in ("README.md", "CHANGELOG.md", "benchmarks/README.md"):
        text = (root / name).read_text(encoding="utf-8")
        assert not re.search(r"\bseed\b", text, re.I), f"{name} says 'seed'; name the article by its title"


def test_every_role_is_rated_at_every_stage_on_every_skill(bundled: Catalog) -> None:
    for role in bundled.roles:
        assert {r.skill for r in role.skills} == {s.id for s in bundled.skills}, role.id
        for rated in role.skills:
            assert rated.entry <= rated.mid <= rated.senior, f"{role.id} {rated.skill}"


def test_the_new_roles_say_no_official_occupation_exists(bundled: Catalog) -> None:
    for name in ("ai-engineer", "mlops-engineer"):
        role = find_role(bundled, name)
        text = " ".join((role.overview, role.pay.summary, *(f.note for f in _figures(role)))).lower()
        assert "no official" in text and "stand-in" in text, name


ARTICLE_FACTS = {
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


@pytest.mark.parametrize("aspect", list(ARTICLE_FACTS))
def test_the_article_is_in_the_ml_engineer_data(bundled: Catalog, aspect: str) -> None:
    role = find_role(bundled, "ml-engineer")
    text = repr(getattr(role, aspect)).lower()
    for fact in ARTICLE_FACTS[aspect]:
        assert fact.lower() in text, f"{aspect}: {fact!r} from the article is missing"


def test_every_command_an_faq_answer_points_to_exists(bundled: Catalog) -> None:
    from mlcareer.catalog import load_bundled_faq
    from mlcareer.cli import app

    commands = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    for entry in load_bundled_faq().entries:
        for named in re.findall(r"`mlcareer ([a-z]+)", entry.answer):
            assert named in commands, f"{entry.id} points to 'mlcareer {named}', which does not exist"
