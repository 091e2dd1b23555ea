"""The sandbox's API error and the one JSON error body it answers with.

Quentli documents no REST error body, so the sandbox uses the NestJS-style shape
``{"statusCode": 400, "message": "...", "error": "Bad Request"}``: the client reads ``message``.
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from starlette.responses import JSONResponse

__all__ = ["ApiError", "error_body", "error_response"]


class ApiError(Exception):
    """An API call the sandbox refuses; becomes a JSON error response with ``status_code``."""

    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message


def error_body(status_code: int, message: str) -> dict[str, Any]:
    """The JSON body of every sandbox error answer."""
    try:
        reason = HTTPStatus(status_code).phrase
    except ValueError:
        reason = "Error"
    return {"statusCode": status_code, "message": message, "error": reason}


def error_response(
    status_code: int, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """A JSON error response in the sandbox's one error shape."""
    return JSONResponse(error_body(status_code, message), status_code=status_code, headers=headers)
