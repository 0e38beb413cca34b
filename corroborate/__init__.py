"""Corroborate's Python client and command line: submit articles, follow the job, read the comparison.

Installs with the project's core; never imports the gateway or the workers.
"""

from corroborate.client import ApiError, Client, CorroborateError, Job, Problem, TransportError

__all__ = ["ApiError", "Client", "CorroborateError", "Job", "Problem", "TransportError"]
