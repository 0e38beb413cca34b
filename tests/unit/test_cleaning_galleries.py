"""Photo galleries flattened to text: the captions stay, the gallery's label and the picture counters go."""

from __future__ import annotations

from workers.analysis.cleaning import clean_article
from workers.analysis.cleaning.galleries import unwrap_gallery_lines

# Made-up captions in the form of a gallery page copied as text (one line per picture).
GALLERY = [
    "Photos: Storm hits the coast A fallen tree blocks a road in Portsmouth on Monday after the storm passed. "
    "Hide Caption 1 of 3",
    "Photos: Storm hits the coast Firefighters pump water out of a flooded basement in Southsea. Hide Caption 2 of 3",
    "Photos: Storm hits the coast Waves break over the sea wall at high tide on Sunday evening. Hide Caption 3 of 3",
]


def test_each_gallery_line_is_cut_down_to_its_caption() -> None:
    lines, cut = unwrap_gallery_lines(GALLERY)
    assert lines == ["A fallen tree blocks a road in Portsmouth on Monday after the storm passed.",
                     "Firefighters pump water out of a flooded basement in Southsea.",
                     "Waves break over the sea wall at high tide on Sunday evening."]
    assert cut == ["Photos: Storm hits the coast", "Hide Caption 1 of 3", "Photos: Storm hits the coast",
                   "Hide Caption 2 of 3", "Photos: Storm hits the coast", "Hide Caption 3 of 3"]


def test_a_gallery_run_together_in_one_paragraph_is_split_per_picture() -> None:
    lines, _ = unwrap_gallery_lines([" ".join(GALLERY)])
    assert lines[1] == "Firefighters pump water out of a flooded basement in Southsea."
    assert len(lines) == 3


def test_lines_without_a_counter_are_left_alone() -> None:
    prose = ["Photos: the council released pictures of the damage on Monday.", "The storm passed overnight."]
    assert unwrap_gallery_lines(prose) == (prose, [])


def test_a_picture_without_a_caption_keeps_its_line_for_the_scorer() -> None:
    empty = ["Photos: Storm hits the coast Hide Caption 1 of 2", "Photos: Storm hits the coast Hide Caption 2 of 2"]
    lines, cut = unwrap_gallery_lines(empty)
    assert lines == empty
    assert cut == []


def test_a_page_that_is_only_a_gallery_keeps_its_captions() -> None:
    cleaned = clean_article({"id": "g", "source": "example.com", "title": "Storm floods Southsea basements",
                             "text": "\n\n".join(GALLERY)})
    assert "Firefighters pump water out of a flooded basement in Southsea." in cleaned["text"]
    assert "Hide Caption" not in cleaned["text"] and "Photos:" not in cleaned["text"]
    assert {"text": "Hide Caption 2 of 3", "reason": "gallery_chrome", "signals": ["gallery_chrome"]} \
        in cleaned["removed"]


def test_a_caption_sharing_no_word_with_the_articles_title_stays_whole() -> None:
    lines, _ = unwrap_gallery_lines(GALLERY, title="Storm floods Southsea basements")
    assert lines[1] == "Firefighters pump water out of a flooded basement in Southsea."  # "Southsea", "basement"
    assert lines[0].startswith("A fallen tree")  # "storm"
    assert lines[2] == GALLERY[2]  # waves at high tide: another story's picture, as far as its words tell




def test_a_gallery_mostly_about_other_stories_stays_whole() -> None:
    label = "Photos: Weather around the world"
    others = [f"{label} Snow closes schools across Ontario for a second day. Hide Caption 1 of 3",
              f"{label} A heatwave grips Adelaide as temperatures pass 40C. Hide Caption 2 of 3",
              f"{label} Storm waves break over the sea wall in Southsea. Hide Caption 3 of 3"]
    assert unwrap_gallery_lines(others, title="Storm floods Southsea basements") == (others, [])
    together = [" ".join(others)]
    assert unwrap_gallery_lines(together, title="Storm floods Southsea basements") == (together, [])


def test_the_gallery_title_is_found_whatever_its_case() -> None:
    lines, cut = unwrap_gallery_lines([GALLERY[0].replace("Photos: Storm", "PHOTOS: STORM"), *GALLERY[1:]])
    assert lines[0].startswith("A fallen tree") and lines[1].startswith("Firefighters")
    assert cut[0] == "PHOTOS: STORM hits the coast"
