"""How much a claim matters to the story: what an editor would put in the lead.

A weighted sum of signals read from the claim (its place in the article, a figure stated, the event's
central actors named, a named claimant). The weights below are set by hand (a lead sentence stating a figure
about the central actors scores highest); only the threshold a lone claim must reach to be flagged exclusive
is fitted, on the tuning half of our Giveme5W1H gold (eval.fit_claim_scorer, stored with the scorer).
"""

from __future__ import annotations

from workers.analysis.comparison.claims import Claim

WEIGHTS = {"lead": 0.35, "figure": 0.25, "central": 0.2, "named_claimant": 0.1, "entity": 0.1}
MAX_EXCLUSIVES_PER_ARTICLE = 5


def salience(claim: Claim, central: set[str]) -> float:
    """0..1: higher for lead sentences stating figures about the event's central actors."""
    figure = any(not q.vague and (q.counted or q.event) for q in claim.quantities)
    central_named = len(claim.entities & central)
    signals = {
        "lead": 1.0 - claim.position,
        "figure": 1.0 if figure else 0.0,
        "central": min(1.0, central_named / 2),
        "named_claimant": 1.0 if claim.claimant.kind == "named" else 0.0,
        "entity": 1.0 if claim.entities else 0.0,
    }
    score = sum(WEIGHTS[k] * v for k, v in signals.items())
    if claim.role == "context" or claim.quote_share > 0.8 or len(claim.text.split()) < 8:
        score *= 0.5  # background, a bare quotation or a fragment: rarely what a reader must know
    return score
