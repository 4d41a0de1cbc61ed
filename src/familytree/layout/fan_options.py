"""How a fan chart is drawn (its opening angle and colours), apart from the fan's layout."""

from __future__ import annotations

import enum

from familytree.model.slotted import slotted

__all__ = ["DEFAULT_FAN_ANGLE", "FAN_ANGLES", "FanColours", "FanOptions"]

FAN_ANGLES = (180, 270, 360)
DEFAULT_FAN_ANGLE = 270


class FanColours(enum.Enum):
    SIDE = "side"  # the father's side one hue, the mother's another
    GENERATION = "generation"  # a hue per ring



@slotted(frozen=True)
class FanOptions:
    """How a fan is drawn: its opening angle and what its colours say."""

    angle: int = DEFAULT_FAN_ANGLE
    colours: FanColours = FanColours.SIDE

    def __post_init__(self) -> None:
        if self.angle not in FAN_ANGLES:
            raise ValueError(f"a fan spans 180, 270 or 360 degrees, not {self.angle}")
