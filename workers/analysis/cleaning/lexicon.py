"""Vocabulary and patterns of page furniture: one signal among several, never a decision on its own.

Hand-written because no maintained library ships a furniture vocabulary for plain text (jusText and
trafilatura work on the HTML tree; on <p>-wrapped seed lines jusText removed 9 of 23 known furniture
lines and dropped real short lines, see notes/dependencies.md). Each entry only adds to a score.
"""

from __future__ import annotations

import re

# Phrases that almost only occur in page furniture, by kind (weight 2 per hit in furniture.py).
CTA_KINDS: dict[str, re.Pattern[str]] = {
    kind: re.compile(r"\b(?:" + pattern + r")\b", re.IGNORECASE)
    for kind, pattern in {
        "video_prompt": r"click\s+to\s+play|play\s+video|watch\s+(?:the\s+)?(?:video|live|full|documentary)|"
        r"video\s+player|just\s+watched|must\s+watch|replay|more\s+videos|now\s+playing|autoplay|"
        r"scroll\s+down\s+for\s+(?:video|more)|embed",
        "advertisement": r"story\s+continues|continues\s+below|advertisement|adverti[sz]ing\s+feature",
        "sponsored": r"sponsored(?:\s+content)?|promoted\s+content|paid\s+(?:content|post)|partner\s+content",
        "related_link": r"read\s+(?:more|next|also|the\s+full)|see\s+also|related\s+(?:articles?|stories|"
        r"coverage|content|news)|most\s+(?:read|popular|viewed)|recommended\s+for\s+you|more\s+on\s+this|"
        r"more\s+from|continue\s+reading|things\s+(?:to|you\s+need\s+to)\s+know|what\s+you\s+need\s+to\s+know|"
        r"here['’]?s\s+(?:what|why|how|everything|(?:\w+\s+){1,3}things)",
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
        r"download\s+(?:our|the)\s+app|on\s+(?:twitter|facebook|instagram)\s*:?\s*@\w+|"
        r"a\s+post\s+shared\s+by|view\s+this\s+post|chat\s+with\s+us|find\s+out\s+what['’]s\s+happening",
        "tip_line": r"news\s+tips?|send\s+(?:us\s+)?(?:your\s+)?(?:a\s+)?tips?|would\s+like\s+to\s+hear\s+from|"
        r"we\s+pay\s+for\s+your\s+stories|do\s+you\s+have\s+a\s+story",
        "update_notice": r"breaking\s+news\s+story|more\s+(?:to\s+)?follows?|this\s+(?:story|article)\s+"
        r"(?:is\s+developing|will\s+be\s+updated|has\s+been\s+updated)",
        "caption": r"enlarge\s+this\s+image|toggle\s+caption|hide\s+caption|image\s+(?:copyright|caption)|"
        r"in\s+this\s+(?:[\w,]+\s+){0,6}(?:photo|image|picture|handout)|"
        r"this\s+(?:[\w’']+\s+){0,3}(?:photo|image|picture)\s+(?:released|provided|taken|shows)|"
        r"in\s+pictures|show\s+all|photo\s+gallery|play\s+slideshow|slideshow",
        "contact": r"can\s+be\s+reached\s+at|contact\s+(?:the\s+)?(?:writers?|authors?|reporters?)\s+at|"
        r"e-?mail\s+(?:the\s+)?(?:writers?|authors?|reporters?)",
    }.items()
}

# Words that are common in furniture but also in news prose (weight 0.5 each).
WEAK_CTA = re.compile(
    r"\b(?:click|watch|video|photos?|gallery|comments?|reply|share|members?|membership|community|"
    r"journalism|support|readers?|subscribers?|app|podcast|listen|episode|updates?|alerts?|"
    r"follow|twitter|facebook|instagram|whatsapp|email)\b",
    re.IGNORECASE,
)

# "Read more: ...", "Click to play video: ...", "More: ..." (a known label word, then a colon).
LABEL_PREFIX = re.compile(
    r"^(?:read|see|watch|listen|click|related|photos?|videos?|more|also|recommended|trending|"
    r"editor['’]?s\s+pick|explainer|live|update|advertisement|sponsored|gallery|podcast)[\w '’]{0,24}:\s*\S",
    re.IGNORECASE,
)
# A line wholly in square brackets is set apart from the story by the outlet: a link to another article
# ("[What are the Panama Papers?]", The Washington Post's inline related links) or an editor's note ("[Editor's
# note: Spoilers follow ...]"). One bracket pair only: "[He] said the plan [was] good" is a quotation edited in place.
BRACKETED_LINE = re.compile(r"^\s*\[[^\[\]]+\]\s*$")
# ... but an update or a correction set in brackets carries facts ("[Update: Police said six people died ...]").
BRACKETED_UPDATE = re.compile(r"^\s*\[\s*(?:updated?|correction|clarification)\b", re.IGNORECASE)
# Interface words of a page (a line made of them is a button or an embed label, not text).
_UI_WORDS = "photo photos video videos image images gallery youtube twitter facebook instagram next prev previous \
close skip share embed advertisement loading menu search home more print email comments comment replay play pause"
UI_WORDS = frozenset(_UI_WORDS.split())
PLATFORMS = frozenset({"youtube", "twitter", "facebook", "instagram", "tiktok", "vimeo"})

# News agencies and photo desks that appear in caption credits.
AGENCIES = (
    r"AFP|AP|Associated\s+Press|Agence\s+France[-\s]?Presse|Reuters|KCNA|Yonhap|Splash\s+News|Rex(?:\s+Features)?|Getty(?:\s+Images)?|EPA(?:-EFE)?|EFE|Xinhua|Anadolu(?:\s+Agency)?|ANSA|DPA|"
    r"PA(?:\s+Wire)?|Shutterstock|Bloomberg|Sipa|Alamy|Pool|TASS|Sputnik|IRNA|WANA|Handout|File"
)
# "(AFP)", "(AP Photo/Evan Vucci)", "(Ludovic Marin/Pool/AFP)" at the end of a line.
CREDIT_PARENS = re.compile(
    r"\((?:[^()]{0,80}/)?\s*(?:" + AGENCIES + r")(?:\s+(?:photo|images?))?(?:/[^()]{0,80})?\)\s*$"
    r"|\([^()]{0,60}\b(?:photo|photograph|picture|image|credit|courtesy)\b[^()]{0,60}\)\s*$"
    r"|\(\s*[A-Z][\w.'’ -]{1,50}\s?/\s?[A-Z][\w.'’ &-]{1,50}\)\s*$",
    re.IGNORECASE,
)
# "Photo: X/Getty Images", "Credit: ...", "Image copyright ...", "Photograph: ..." at the start,
# or "... Photograph: Graeme Robertson for the Guardian" / "... Ezequiel Becerra / Agence France-Presse" at the end.
CREDIT_LABEL = re.compile(
    r"^(?:photo|photograph|picture|image|credit|caption)(?:\s+(?:credit|copyright|caption))?\s*[:\-–]\s*\S"
    r"|^image\s+(?:caption|copyright)\s"
    r"|\b(?:photo|photograph|picture|image)s?\s*(?:credit)?\s*:\s*[^.:]{2,80}$"
    r"|[A-Z][\w.-]+(?:\s[A-Z][\w.-]+){0,3}\s?/\s?(?:" + AGENCIES + r")\s*$",
    re.IGNORECASE,
)
# "Reuters The NK leader watches...", "AP:Associated Press Felipe Massa waves...", "Issei Kato / Reuters U.S.
# Forces...", "VLERICK BUSINESS SCHOOL•GETTY Bitcoin price: ..." (credit first, caption after).
CREDIT_PREFIX = re.compile(
    r"^(?:AP:Associated\s+Press|GETTY|Getty(?:\s+Images)?(?:\s+-\s+[A-Z]\w+)?|(?:" + AGENCIES + r"))\s+(?=[A-Z\"“‘'])"
)
CREDIT_PREFIX_NAMED = re.compile(
    r"^(?:[A-Z][\w.-]*\s){1,4}/\s(?:" + AGENCIES + r")\s+(?=[A-Z\"“‘'])|^[A-Z .&'-]{3,40}•\s?[A-Z]{2,}\s"
)
# A line made only of a credit: "Reuters - Ap - Afp", "Jim Spellman/WireImage via Getty Images, FILE".
CREDIT_ONLY = re.compile(
    r"^(?:(?:" + AGENCIES + r")[\s/,;|–—-]*)+$"
    r"|^[\w .,'’-]{0,60}(?:/|\bvia\s)[\w .'’/-]{0,40}\b(?:" + AGENCIES + r")(?:,\s*file)?$",
    re.IGNORECASE,
)
# A caption ending with its credit and no full stop: "... outside 10 Downing Street EPA", "... Rex Features".
CREDIT_TRAILING = re.compile(r"[^.!?\s]\s(?:" + AGENCIES + r"|REUTERS|Getty|Rex\s+Features)$")
# A gallery counter opening a caption: "12/34 19 November 2017 ...".
GALLERY_COUNTER = re.compile(r"^(\d{1,3})/(\d{1,3})\s")
# An e-mail address or a phone number: contact details of the outlet's desk.
CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\b0\d{3}\s?\d{3}\s?\d{4}\b|\+\d[\d\s]{8,}")
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
QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?|‘[^’]*’|«[^»]*»|(?<!\w)'[^']+'(?!\w)")
# A byline: "By Malcolm Foster", "By Jane Doe and John Roe, Reuters" (names, no verb, no full stop).
BYLINE = re.compile(
    r"^By\s+((?:[A-Z][\w.'’-]*\s?){1,4}(?:(?:and|&)\s+(?:[A-Z][\w.'’-]*\s?){1,4})?)(?:,\s*[\w .'’-]{1,40})?$"
)
# A list item: a bullet or a number opening the line.
LIST_ITEM = re.compile(r"^(?:[•·▪●◦*-]|\d{1,2}[.)])\s+\S")
# The signature an embedded tweet or post ends with: "— Name (@handle) March 3, 2018".
_POST_SIGNATURE = r"—\s*[^—]{1,80}\(@\w+\)\s+\w+\.?\s+\d{1,2},\s+\d{4}"
# A quoted tweet or post with its attribution: "... — Name (@handle) March 3, 2018".
EMBEDDED_POST = re.compile(_POST_SIGNATURE + r"\s*$")
# The signature alone (the sentence splitter makes it a sentence of its own): who posted and when, no statement.
POST_SIGNATURE = re.compile(r"\s*" + _POST_SIGNATURE + r"\s*")

