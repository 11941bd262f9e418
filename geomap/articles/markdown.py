"""Markdown syntax blanked out, every offset kept: links keep their words."""
from __future__ import annotations

import re


def blank_markdown(text: str) -> str:
    """Markdown syntax replaced by spaces, keeping every offset: links keep their words."""
    def blank(m):
        return " " * len(m.group(0))
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", blank, text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", lambda m: " " + m.group(1) + " " * (len(m.group(0)) - len(m.group(1)) - 1), text)
    text = re.sub(r"^(?:#{1,6}|>|[-*+])[ \t]", blank, text, flags=re.M)
    return re.sub(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)", blank, text)
