"""Accuracy evaluations (`make eval`): each module with a main() prints its figures."""
