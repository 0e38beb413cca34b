"""Speed benchmarks (`make bench`): each module with a main() prints its figures."""
