"""The one error an analysis function raises for input it cannot process."""

from __future__ import annotations


class ArticleError(Exception):
    """An article that cannot be processed; it fails alone, with this code and message in the job."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def as_dict(self) -> dict[str, str]:
        """The error as stored in the job."""
        return {"code": self.code, "message": self.message}
