"""What extraction needs to know of the conflict (from config.yaml): sides, allies, opponents."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Settings:
    """What extraction needs to know of the conflict (from config.yaml)."""
    allies: dict = field(default_factory=dict)      # actor id -> faction it fights with
    opponents: dict = field(default_factory=dict)   # faction -> the faction that takes what it loses
    fallback_types: tuple = ("ceasefire",)          # types placed at the story's place when the sentence names none
    sides: tuple = ()                               # the factions that can take and hold ground (config)
    areas: dict = field(default_factory=dict)       # faction -> the place id of the area it held at the start


def faction(actor: str | None, settings: Settings) -> str | None:
    """The faction an actor fights for: itself when it is a side, else its ally (or itself)."""
    if actor is None:
        return None
    return actor if actor in settings.sides else settings.allies.get(actor, actor)
