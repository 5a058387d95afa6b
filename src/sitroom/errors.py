"""Every error sitroom reports, with its code, in one place.

Messages are one line and name the input and the problem, so that a batch can
report a bad article and go on with the rest.
"""

from __future__ import annotations


class SitroomError(Exception):
    """A problem with one input or setting; ``str()`` is the one-line message."""

    def __init__(self, code: str, subject: str, detail: str) -> None:
        self.code = code
        self.subject = subject
        self.detail = detail
        super().__init__(f"{subject}: {detail} [{code}]")


E001 = "E001"  # path does not exist
E002 = "E002"  # empty input
E003 = "E003"  # binary / undecodable input
E004 = "E004"  # unknown file extension, or not a web page
E005 = "E005"  # malformed JSONL/CSV line or sidecar, or missing corpus column
E006 = "E006"  # bad date
E007 = "E007"  # spaCy model not installed
E008 = "E008"  # store cannot be opened or is not a sitroom store
E009 = "E009"  # bad user actors file
E010 = "E010"  # bad query filter
E011 = "E011"  # URL could not be fetched (network, timeout, HTTP status)
E012 = "E012"  # malformed feed (not RSS/Atom XML)
E100 = "E100"  # a stage failed on one article (a bug: reported, the batch goes on)


def error(code: str, subject: str, detail: str) -> SitroomError:
    """Build the error for ``subject`` (a path, a line, a setting)."""
    return SitroomError(code, subject, detail)
