"""Article cleaning: HTML main text, normalisation, page-furniture removal, language (see clean_article)."""

from workers.analysis.cleaning.article import clean_article, content_lines
from workers.analysis.cleaning.normalize import line_fingerprint

__all__ = ["clean_article", "content_lines", "line_fingerprint"]
