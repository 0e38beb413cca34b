"""Vocabulary and patterns of page furniture: one signal among several, never a decision on its own.

Hand-written because no maintained library ships a furniture vocabulary for plain text (jusText and
trafilatura work on the HTML tree; on <p>-wrapped seed lines jusText removed 9 of 23 known furniture
lines and dropped real short lines, see notes/dependencies.md). Each entry only adds to a score.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

# Phrases that almost only occur in page furniture, by kind (weight 2 per hit in furniture.py).
CTA_KINDS: dict[str, re.Pattern[str]] = {
    kind: re.compile(r"\b(?:" + pattern + r")\b", re.IGNORECASE)
    for kind, pattern in {
        "video_prompt": r"click\s+to\s+play|play\s+video|watch\s+(?:the\s+)?(?:video|live|full)|video\s+player",
        "advertisement": r"story\s+continues|continues\s+below|advertisement|adverti[sz]ing\s+feature",
        "sponsored": r"sponsored(?:\s+content)?|promoted\s+content|paid\s+(?:content|post)|partner\s+content",
        "related_link": r"read\s+(?:more|next|also|the\s+full)|see\s+also|related\s+(?:articles?|stories|"
        r"coverage|content|news)|most\s+(?:read|popular|viewed)|recommended\s+for\s+you|more\s+on\s+this",
        "newsletter": r"sign\s+up|subscribe|subscription|newsletters?|inbox|delivered\s+to\s+your",
        "membership": r"already\s+a\s+(?:member|subscriber)|become\s+a\s+(?:member|subscriber)|sign\s+in|"
        r"log\s+in|join\s+(?:us|our)|learn\s+more|find\s+out\s+more|paywall|ad[-\s]free|"
        r"exclusive\s+content|support\s+(?:our|independent|quality)\s+journalism|readers\s+like\s+you|"
        r"donate|make\s+a\s+contribution|click\s+here",
        "comment_prompt": r"leave\s+a\s+(?:reply|comment)|be\s+the\s+first\s+to\s+comment|"
        r"comments?\s+(?:are\s+)?closed|post\s+a\s+comment|email\s+address|will\s+not\s+be\s+published|"
        r"required\s+fields|join\s+the\s+(?:conversation|discussion)",
        "legal": r"all\s+rights\s+reserved|may\s+not\s+be\s+(?:published|reproduced|redistributed)|"
        r"copyright\s+(?:©\s*)?\d{4}|©\s*\d{4}|cookies?\s+policy|privacy\s+policy|terms\s+of\s+(?:use|service)",
        "social": r"follow\s+(?:us|him|her|them|@\w+)|like\s+us\s+on|share\s+(?:this|on)|"
        r"download\s+(?:our|the)\s+app|on\s+(?:twitter|facebook|instagram)\s+@\w+",
    }.items()
}

# Words that are common in furniture but also in news prose (weight 0.5 each).
WEAK_CTA = re.compile(
    r"\b(?:click|watch|video|photos?|gallery|comments?|reply|share|members?|membership|community|"
    r"journalism|support|readers?|subscribers?|app|podcast|listen|episode|updates?|alerts?|"
    r"follow|twitter|facebook|instagram|whatsapp|email)\b",
    re.IGNORECASE,
)

# "WATCH: ...", "Read more: ...", "Click to play video: ...", "PHOTOS: ..." (a short label, then a colon).
LABEL_PREFIX = re.compile(
    r"^(?:[A-Z][A-Z ]{2,24}|(?:read|see|watch|listen|click|related|photos?|videos?|more|also|"
    r"recommended|trending|editor'?s\s+pick|explainer|live|update)[\w ']{0,24}):\s+\S",
    re.IGNORECASE,
)
LABEL_UPPERCASE = re.compile(r"^[A-Z][A-Z ]{2,24}:\s+\S")

# News agencies and photo desks that appear in caption credits.
AGENCIES = (
    r"AFP|AP|Reuters|Getty(?:\s+Images)?|EPA(?:-EFE)?|EFE|Xinhua|Anadolu(?:\s+Agency)?|ANSA|DPA|"
    r"PA(?:\s+Wire)?|Shutterstock|Bloomberg|Sipa|Alamy|Pool|Pools|TASS|Sputnik|IRNA|WANA|Handout|File"
)
# "(AFP)", "(AP photo/Hadi Mizban)", "(Eliot Blondet/Pools/AFP)" at the end of a line.
CREDIT_PARENS = re.compile(
    r"\((?:[^()]{0,80}/)?\s*(?:" + AGENCIES + r")(?:\s+(?:photo|images?))?(?:/[^()]{0,80})?\)\s*$"
    r"|\([^()]{0,60}\b(?:photo|photograph|picture|image|credit|courtesy)\b[^()]{0,60}\)\s*$",
    re.IGNORECASE,
)
# "Photo: X/Getty Images", "Credit: ...", "Image copyright ...", "Photograph: ..." at the start.
CREDIT_LABEL = re.compile(
    r"^(?:photo|photograph|picture|image|credit|caption|source)(?:\s+(?:credit|copyright|caption))?"
    r"\s*[:\-–]\s*\S",
    re.IGNORECASE,
)
# "Associated Press writers ... contributed.", "Reporting by X; Editing by Y", "(Reporting by ...)".
CONTRIBUTOR_CREDIT = re.compile(
    r"(?:^\(?(?:additional\s+)?reporting\s+by\b.*$)"
    r"|(?:^(?:the\s+)?(?:associated\s+press|reuters|afp|ap|bloomberg|staff)\b.{0,300}\b"
    r"contributed(?:\s+(?:to\s+this\s+(?:report|story|article)|reporting))?\.?$)"
    r"|(?:\bediting\s+by\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*\)?\.?$)",
    re.IGNORECASE,
)

# Addressing the reader: second person, or first person plural of the outlet (outside quotations).
READER_ADDRESS = re.compile(r"\b(?:you|your|yours|you['’](?:re|ll|ve|d))\b", re.IGNORECASE)
# Case-sensitive: "US" is the country.
OUTLET_VOICE = re.compile(r"\b(?:[Ww]e|us|[Oo]urs?|[Ww]e['’](?:re|ve|ll|d))\b")

# Quoted spans are removed before looking for reader address (quotes legitimately say "you" and "we").
QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?|‘[^’]*’|«[^»]*»")

# spaCy's English stop words (the lexicon's, no model needed) plus reporting verbs every article uses.
STOPWORDS = frozenset(STOP_WORDS) | {"said", "says", "say", "told"}
