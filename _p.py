import cProfile, pstats
from workers.analysis.extraction import extract_article
from workers.analysis.nlp import get_nlp
get_nlp()
a = {"id": "q", "source": "q", "text": "\u201cPolice said 3 people were hurt on Sunday in the city " * 3000}
cProfile.run("extract_article(a)", "/tmp/i9/qprof")
pstats.Stats("/tmp/i9/qprof").sort_stats("tottime").sort_stats("cumulative").print_stats(25)
