"""Fan charts: the focus' ancestors as ring segments, with where and how each name is set."""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterator
from dataclasses import field
from typing import Protocol, runtime_checkable

from familytree.layout.chart import Box, BoxSizer, ChartLayout, ChartType, Orientation
from familytree.layout.fan_options import DEFAULT_FAN_ANGLE, FAN_ANGLES, FanColours, FanOptions
from familytree.layout.graph import MAX_BOXES, left_partner
from familytree.model import ChildRelation, Person, Tree
from familytree.model.slotted import slotted
from familytree.model.text import ELLIPSIS, shorten

__all__ = [
    "FAN_ANGLES", "DEFAULT_FAN_ANGLE", "MAX_FAN_GENERATIONS", "FanColours", "FanSide", "FanOptions",
    "FanLine", "FanLabel", "FanSegment", "FanChart", "MeasuresText", "TextWidth", "approx_text_width",
    "fan_layout", "check_fan", "fan_name", "short_name",
]

# Angles are position angles in degrees, clockwise from straight up (12 o'clock); the fan
# opens downwards, father's side on the left. A point at radius r and angle a is
# (r sin a, -r cos a) in chart units (y grows downwards), the focus at (0, 0).
MAX_FAN_GENERATIONS = 10  # 1,023 ancestors: the outer ring is already a poster's job
NAME_SIZE = 13.0  # chart units, as the names in the boxes of the other charts
YEARS_SCALE = 12.0 / 13.0  # the years a little smaller than the name, as in the boxes
MIN_TEXT = 5.0  # no ring gets smaller names: the ring moves outward instead, to where there is room
LINE = 1.25  # a line's height in ems of its size
PAD = 4.0  # kept free inside a segment's edges
SIDE_PAD = 1.0  # kept free beside a line set radially: the outer rings' segments are thin
NAME_EMS = 11.0  # a ring of names set radially is this long, in ems of its text size
TANGENT_EMS = 8.0  # names are set along the arc while a ring's inner chord holds this many ems
ALONG_LINES = 3  # a ring of names along the arc holds two lines of name and one of years
SHRINK = (1.0, 0.92, 0.85)  # of its ring's size, what a long name tries before it is shortened
FOCUS_MIN_RADIUS = 56.0  # the inner rings then have room to set names along the arc
FAN_NAME = 100  # characters of a name a segment can show (a chart box shows as many)

# The width of `text` in ems (of its font size), bold or not.
TextWidth = Callable[[str, bool], float]


@runtime_checkable
class MeasuresText(Protocol):
    """A box sizer that also measures text: the fan then sets names with real font metrics."""

    def text_width(self, text: str, bold: bool) -> float: ...


def approx_text_width(text: str, bold: bool) -> float:
    """A generous estimate of a sans-serif text's width in ems, for layouts made without fonts."""
    width = 0.0
    for ch in text:
        if ch in "iljtfI.,;:'!|() ":
            width += 0.32
        elif ch in "MWmw@":
            width += 0.9
        elif ch.isupper() or ch.isdigit():
            width += 0.68
        else:
            width += 0.58
    return width * (1.07 if bold else 1.0)


class FanSide(enum.Enum):
    FOCUS = "focus"
    PATERNAL = "paternal"
    MATERNAL = "maternal"


@slotted(frozen=True)
class FanLine:
    """One line of a label: its text, size (chart units) and the centre it is drawn around."""

    text: str
    size: float
    bold: bool
    x: float
    y: float
    width: float  # chart units, measured

    @property
    def height(self) -> float:
        return LINE * self.size


@slotted(frozen=True)
class FanLabel:
    """A segment's text: lines turned by `rotation` degrees (clockwise) about their own centres."""

    rotation: float
    lines: tuple[FanLine, ...]
    radial: bool  # set along the radius (outer rings), else along the arc
    shortened: bool = False  # the name was cut with "…" to fit: the full name is in the tooltip

    def corners(self) -> Iterator[tuple[float, float]]:
        """Points along the edges of every line's rectangle, for fit checks and bounds."""
        c, s = math.cos(math.radians(self.rotation)), math.sin(math.radians(self.rotation))
        for line in self.lines:
            hw, hh = line.width / 2, line.height / 2
            for i in range(9):
                f = -1.0 + i / 4.0
                for lx, ly in ((f * hw, -hh), (f * hw, hh), (-hw, f * hh), (hw, f * hh)):
                    yield (line.x + lx * c - ly * s, line.y + lx * s + ly * c)


@slotted(frozen=True)
class FanSegment:
    """A person's ring segment: generation g spans angle/2**g degrees from `start`, slot counted
    from the father's side (Ahnentafel order within the generation)."""

    key: str
    person_id: str
    generation: int  # 0 the focus, 1 parents, 2 grandparents...
    slot: int
    side: FanSide
    start: float  # degrees, clockwise from up
    end: float
    inner: float  # radii, chart units
    outer: float
    duplicate_of: str = ""  # key of the person's first segment (pedigree collapse)
    label: FanLabel | None = None

    @property
    def middle(self) -> float:
        return (self.start + self.end) / 2

    def contains(self, x: float, y: float, tolerance: float = 0.5) -> bool:
        r = math.hypot(x, y)
        if r < self.inner - tolerance or r > self.outer + tolerance:
            return False
        if self.end - self.start >= 360.0 - 1e-9 or r < tolerance:
            return True
        a = math.degrees(math.atan2(x, -y))  # the position angle, -180..180
        for turn in (-360.0, 0.0, 360.0):
            if self.start <= a + turn <= self.end:
                return True
        # within `tolerance` of an edge ray
        return any(abs(r * math.sin(math.radians(a - edge))) <= tolerance
                   and math.cos(math.radians(a - edge)) > 0 for edge in (self.start, self.end))

    def bounds(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) around the segment."""
        return _sector_bounds(self.inner, self.outer, self.start, self.end)

    def meets(self, left: float, top: float, right: float, bottom: float) -> bool:
        """Whether the segment reaches into the rectangle (a poster sheet's own part): its bounds
        say too much of a ring segment, whose bounding box holds empty corners."""
        b_left, b_top, b_right, b_bottom = self.bounds()
        if b_left >= right or b_right <= left or b_top >= bottom or b_bottom <= top:
            return False
        if any(self.contains(x, y, 0.0) for x in (left, right) for y in (top, bottom)):
            return True  # (the rectangle's corner in the segment: the whole rectangle may be inside)
        # else the segment's outline crosses the rectangle, or lies in it: a point of the outline
        # is inside, found at steps shorter than the rectangle's sides
        step = max(1.0, min(right - left, bottom - top) / 4)
        full = self.end - self.start >= 360.0 - 1e-9
        outline: list[tuple[float, float]] = []
        for r in (self.inner, self.outer):
            n = max(1, math.ceil(math.radians(self.end - self.start) * r / step))
            outline += [_at(r, self.start + (self.end - self.start) * k / n) for k in range(n + 1)]
        if not full:
            n = max(1, math.ceil((self.outer - self.inner) / step))
            for a in (self.start, self.end):
                outline += [_at(self.inner + (self.outer - self.inner) * k / n, a) for k in range(n + 1)]
        return any(left <= x <= right and top <= y <= bottom for x, y in outline)


@slotted(frozen=True)
class FanChart:
    """The geometry of a fan: its rings (radii[g] to radii[g + 1] for generation g > 0) and segments."""

    angle: int
    colours: FanColours
    radii: tuple[float, ...]  # radii[0] is the focus' disc; len(radii) = generations + 1
    segments: tuple[FanSegment, ...]
    smallest_name: float  # the smallest size a name is set at (chart units): what print legibility uses
    _by_key: dict[str, FanSegment] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {s.key: s for s in self.segments})

    def segment(self, key: str) -> FanSegment | None:
        return self._by_key.get(key)

    def label_rects(self) -> list[tuple[float, float, float, float]]:
        """(x, y, width, height) around each label: what a poster keeps whole on one sheet."""
        out = []
        for s in self.segments:
            if s.label is not None:
                pts = list(s.label.corners())
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                out.append((min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
        return out


    def handle_spot(self, key: str, half: float) -> tuple[float, float] | None:
        """Where a square handle of half-side `half` (the window's "+" on the selected person) goes on
        the segment `key`: inside it near the end of its outer edge (or another corner), clear of its
        text when it can be; on the edge of the focus' disc where no one's text is. None when the
        segment is too small to hold it (zoomed far out)."""
        seg = self._by_key.get(key)
        if seg is None:
            return None
        if seg.generation == 0:
            if seg.outer < 3 * half:
                return None  # a disc a few pixels wide: the handle would hide it
            spots = _focus_spots(seg, half)
            near = [s for s in self.segments if s.generation <= 1 and s.label is not None]
        else:
            spots = _corner_spots(seg, half)
            near = [seg] if seg.label is not None else []
        inside: tuple[float, float] | None = None
        for x, y in spots:
            square = [(x - half, y - half), (x + half, y - half), (x + half, y + half), (x - half, y + half)]
            if seg.generation and not all(seg.contains(px, py, 0.0) for px, py in square):
                continue
            inside = inside or (x, y)
            if not any(_square_meets_label(x, y, half, s.label) for s in near if s.label is not None):
                return (x, y)
        # a parent's segment: its own text may be covered (the details show the name); the focus' +
        # never covers a parent's name
        return inside if seg.generation else None


def _corner_spots(seg: FanSegment, half: float) -> list[tuple[float, float]]:
    """Centres of a handle inside a ring segment: at the ends of its outer edge first, then the middle
    of that edge, then the ends of its inner edge."""
    room = half * math.sqrt(2.0) + 1.0  # from an edge to the centre, the square's corners clear of it
    out: list[tuple[float, float]] = []
    edges = ((seg.outer - room, ("end", "start", "middle")), (seg.inner + room, ("end", "start")))
    for r, angles in edges:
        if r <= room:
            continue
        turn = math.degrees(math.asin(min(1.0, room / r)))
        at = {"end": seg.end - turn, "start": seg.start + turn, "middle": seg.middle}
        out.extend(_at(r, at[a]) for a in angles)
    return out


def _focus_spots(seg: FanSegment, half: float) -> list[tuple[float, float]]:
    """Centres of a handle on the edge of the focus' disc: first where the fan is open (below the
    focus of a 270-degree fan) or the parents meet, away from their names; on a half disc, at the
    ends of its straight edge."""
    r = seg.outer
    if seg.end - seg.start < 360.0 - 1e-9:  # a 180-degree fan's half disc
        inset = r - 1.5 * half
        return [(inset, 0.0), (-inset, 0.0), _at(r, 0.0)]
    return [_at(r, a) for a in (180.0, 135.0, -135.0, 0.0, 90.0, -90.0)]


def _square_meets_label(x: float, y: float, half: float, label: FanLabel) -> bool:
    """Whether the square about (x, y) overlaps a line of the label (turned rectangles: separating axes)."""
    a = math.radians(label.rotation)
    c, s = math.cos(a), math.sin(a)
    for line in label.lines:
        hw, hh = line.width / 2, line.height / 2
        dx, dy = x - line.x, y - line.y
        # the square's axes (x, y), then the line's (along, across): the projections must overlap on each
        reach_x = abs(c) * hw + abs(s) * hh
        reach_y = abs(s) * hw + abs(c) * hh
        along = abs(dx * c + dy * s)
        across = abs(-dx * s + dy * c)
        square_along = half * (abs(c) + abs(s))
        if (abs(dx) < half + reach_x and abs(dy) < half + reach_y
                and along < hw + square_along and across < hh + square_along):
            return True
    return False


def _at(r: float, angle: float) -> tuple[float, float]:
    a = math.radians(angle)
    return (r * math.sin(a), -r * math.cos(a))


def _sector_bounds(inner: float, outer: float, start: float, end: float) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) around the part of the ring between the radii and the angles."""
    xs: list[float] = []
    ys: list[float] = []
    for a in (start, end):
        s, c = math.sin(math.radians(a)), math.cos(math.radians(a))
        xs += (inner * s, outer * s)
        ys += (-inner * c, -outer * c)
    a = math.ceil(start / 90.0) * 90.0
    while a <= end:  # the outer arc's extremes at the quarter turns it passes
        x, y = _at(outer, a)
        xs.append(x)
        ys.append(y)
        a += 90.0
    return (min(xs), min(ys), max(xs), max(ys))


def fan_name(person: Person) -> str:
    return shorten(person.display_name(), FAN_NAME)


def short_name(person: Person) -> str:
    """The first given name and the surname ("Ruth Morozov" for "Ruth Mary Anna Morozov of
    Mecklenburg-Strelitz"): what a narrow segment shows rather than the name's beginning; "" when
    the name has no shorter form of that kind."""
    name = person.name
    given = name.given.replace("_", " ").split()
    if not name.surname or not given:
        return ""
    short = " ".join(p for p in (given[0], name.surname_prefix, name.surname.replace("_", " ")) if p)
    return shorten(short, FAN_NAME) if len(short) < len(person.display_name()) else ""


# -- who is where ---------------------------------------------------------------------------------


def _parents(tree: Tree, person_id: str) -> tuple[str, str]:
    """(father's side, mother's side) of a person: the birth family's couple, the man on the left."""
    families = tree.parent_families(person_id)
    if not families:
        return ("", "")
    fam = next((f for f in families if tree.child_relation(f, person_id)
                in (ChildRelation.BIRTH, ChildRelation.UNKNOWN)), families[0])
    left = left_partner(tree, fam)
    right = fam.wife_id if left == fam.husband_id else fam.husband_id
    return (left if left in tree.people else "", right if right in tree.people else "")


@slotted
class _Slot:
    key: str
    person_id: str
    generation: int
    slot: int
    duplicate_of: str = ""


def _ancestors(tree: Tree, focus_id: str, generations: int, limit: int,
               warnings: list[str]) -> list[_Slot]:
    """Everyone of the fan, generation by generation; a person met again is a marked duplicate
    whose ancestors are not repeated (which also ends a loop in bad data)."""
    first: dict[str, str] = {focus_id: focus_id}
    count: dict[str, int] = {}
    out = [_Slot(focus_id, focus_id, 0, 0)]
    where = {(0, 0): focus_id}  # (generation, slot) -> person
    level = {0: out[0]}
    for g in range(1, generations + 1):
        nxt: dict[int, _Slot] = {}
        for s in sorted(level):
            below = level[s]
            if below.duplicate_of:
                continue
            for side, pid in enumerate(_parents(tree, below.person_id)):
                if not pid:
                    continue
                if len(out) >= limit:
                    warnings.append(f"The chart stops at {limit:,} people; choose fewer generations to see "
                                    "all of it.")
                    return out
                slot = 2 * s + side
                if pid not in first:
                    first[pid] = pid
                    placed = _Slot(pid, pid, g, slot)
                else:
                    n = count.get(pid, 1) + 1
                    count[pid] = n
                    placed = _Slot(f"{pid}#{n}", pid, g, slot, first[pid])
                    if _in_line(where, g, slot, pid):
                        name = shorten(tree.people[pid].display_name())
                        msg = (f"{name} ({pid}) is recorded as their own ancestor; the fan shows them "
                               "again as a marked duplicate and stops there.")
                        if msg not in warnings:
                            warnings.append(msg)
                nxt[slot] = placed
                where[(g, slot)] = pid
                out.append(placed)
        level = nxt
        if not level:
            break
    if generations == MAX_FAN_GENERATIONS and any(
            not s.duplicate_of and any(_parents(tree, s.person_id)) for s in level.values()):
        warnings.append(f"A fan shows {MAX_FAN_GENERATIONS} generations; the file knows more ancestors "
                        "(re-centre on an outer person to follow them).")
    return out


def _in_line(where: dict[tuple[int, int], str], g: int, slot: int, pid: str) -> bool:
    """Whether `pid` is already in the line of descent below the slot: a loop, not a collapse."""
    s = slot
    for gen in range(g - 1, -1, -1):
        s //= 2
        if where.get((gen, s)) == pid:
            return True
    return False


def _side(generation: int, slot: int) -> FanSide:
    if generation == 0:
        return FanSide.FOCUS
    return FanSide.PATERNAL if slot < 2 ** (generation - 1) else FanSide.MATERNAL


# -- setting the text ------------------------------------------------------------------------------


class _Measure:
    """Text widths in ems, each text measured once."""

    def __init__(self, width: TextWidth) -> None:
        self.width = width
        self.cache: dict[tuple[str, bool], float] = {}

    def __call__(self, text: str, bold: bool) -> float:
        key = (text, bold)
        w = self.cache.get(key)
        if w is None:
            w = self.cache[key] = self.width(text, bold)
        return w

    def wrap(self, text: str) -> tuple[str, ...]:
        """The two-line split of a name with the narrowest longer line; the name alone if one word."""
        words = text.split(" ")
        best: tuple[str, ...] = (text,)
        best_width = math.inf
        for i in range(1, len(words)):
            first, second = " ".join(words[:i]), " ".join(words[i:])
            w = max(self(first, True), self(second, True))
            if w < best_width:
                best, best_width = (first, second), w
        return best


# A line to set: text, bold, size.
_Text = tuple[str, bool, float]
# Where the lines of a block can stand in a segment, line by line: the middle of the line along
# the segment's middle ray, across it, and the room along the line: (rho_lo, rho_hi, t). A line
# of width w stands centred between rho_lo and rho_hi, as near the ring's middle as it can.
_Place = tuple[float, float, float]


class _Room:
    """The free space of the segments of one ring (they differ only in angle): radii, half the
    angle (radians), how the text is set; where blocks of lines can stand, worked out once."""

    def __init__(self, inner: float, outer: float, half: float, radial: bool, inward_first: bool = False
                 ) -> None:
        self.inner, self.outer, self.half, self.radial = inner, outer, half, radial
        self.inward_first = inward_first  # along the arc in the lower half: turned round, first line inside
        self._cache: dict[tuple[float, ...], list[list[_Place]]] = {}
        self._plans: dict[tuple[float, bool], list[tuple[float, bool, list[list[_Place]], float]]] = {}

    def _across(self, rho: float, pad: float) -> float:
        """How far across the middle ray a point `rho` out may be and keep `pad` from the edges."""
        if self.half >= math.pi / 2 - 1e-9:
            return math.inf
        return rho * math.tan(self.half) - pad / math.cos(self.half)

    def arrangements(self, heights: tuple[float, ...]) -> list[list[_Place]]:
        """The ways a block of lines this tall can stand, best first; [] when it cannot."""
        found = self._cache.get(heights)
        if found is None:
            found = self._cache[heights] = self._radial(heights) if self.radial else self._along(heights)
        return found

    def _along(self, heights: tuple[float, ...]) -> list[list[_Place]]:
        """Lines across the middle ray, stacked outwards from the centre's side; a line is as long
        as the chord it stands on allows, inside the outer arc and the segment's edges."""
        lo, hi = self.inner + PAD, self.outer - PAD
        height = sum(heights)
        if height > hi - lo:
            return []
        slack = hi - lo - height
        order = heights[::-1] if self.inward_first else heights  # stacked from the outer edge inwards
        out = []
        for top in (hi - slack / 2, hi - slack, hi):  # centred, then inward, then outward
            places: list[_Place] = []
            d_hi = top
            for h in order:
                d_lo = d_hi - h
                half_width = min(math.sqrt(max(0.0, hi * hi - d_hi * d_hi)), self._across(d_lo, PAD))
                rho = (d_lo + d_hi) / 2
                places.append((rho - half_width, rho + half_width, 0.0))  # the room, as a span
                d_hi = d_lo
            out.append(places[::-1] if self.inward_first else places)
        return out

    def _radial(self, heights: tuple[float, ...]) -> list[list[_Place]]:
        """Lines along the middle ray, side by side across it."""
        t = -sum(heights) / 2
        places: list[_Place] = []
        for h in heights:
            t1, t2 = t, t + h
            far = max(abs(t1), abs(t2))
            lo = self.inner + PAD
            if self.half < math.pi / 2 - 1e-9:
                lo = max(lo, (far + SIDE_PAD / math.cos(self.half)) / math.tan(self.half))
            hi_sq = (self.outer - PAD) ** 2 - far * far
            if hi_sq <= lo * lo:
                return []
            places.append((lo, math.sqrt(hi_sq), (t1 + t2) / 2))
            t = t2
        return [places]

    def plans(self, size: float, with_years: bool) -> list[tuple[float, bool, list[list[_Place]], float]]:
        """The blocks that can stand in these segments, best first: (size, name on two lines, where
        the lines can stand, the longest a line of the name can be), at `size` then smaller (never
        below MIN_TEXT), with a line of years."""
        key = (size, with_years)
        found = self._plans.get(key)
        if found is None:
            found = self._plans[key] = []
            for s in sorted({max(MIN_TEXT, size * f) for f in SHRINK} | {size}, reverse=True):
                tail = (LINE * s * YEARS_SCALE,) if with_years else ()
                for two_lines in (False, True):
                    name_lines = (LINE * s, LINE * s) if two_lines else (LINE * s,)
                    arrangements = self.arrangements((*name_lines, *tail))
                    if arrangements:
                        longest = max(hi - lo for places in arrangements
                                      for lo, hi, _ in places[:len(name_lines)])
                        found.append((s, two_lines, arrangements, longest))
        return found

    def place(self, lines: list[_Text], measure: _Measure) -> list[tuple[float, float]] | None:
        """(rho, t) of each line's middle, or None when the lines do not fit."""
        arrangements = self.arrangements(tuple(LINE * size for _, _, size in lines))
        if not arrangements:
            return None
        return self.fit(arrangements, [measure(text, bold) * size for text, bold, size in lines])

    def fit(self, arrangements: list[list[_Place]], widths: list[float]) -> list[tuple[float, float]] | None:
        """(rho, t) of the middle of each line of these widths in the first arrangement they fit."""
        for places in arrangements:
            if all(w <= hi - lo for w, (lo, hi, _) in zip(widths, places, strict=True)):
                return [self._middle(w, p) for w, p in zip(widths, places, strict=True)]
        return None

    def first_line_room(self, lines: list[_Text], measure: _Measure) -> float:
        """The longest first line that fits with the others as they are (0 when they do not fit)."""
        widths = [measure(text, bold) * size for text, bold, size in lines[1:]]
        best = 0.0
        for places in self.arrangements(tuple(LINE * size for _, _, size in lines)):
            if all(w <= hi - lo for w, (lo, hi, _) in zip(widths, places[1:], strict=True)):
                best = max(best, places[0][1] - places[0][0])
        return best

    def _middle(self, width: float, place: _Place) -> tuple[float, float]:
        lo, hi, t = place
        if not self.radial:
            return ((lo + hi) / 2, t)
        middle = (self.inner + self.outer) / 2
        return (min(max(middle, lo + width / 2), hi - width / 2), t)


def _set_label(room: _Room, person: Person, size: float, measure: _Measure, middle: float) -> FanLabel | None:
    """The label of a segment, the first of these that fits: the whole name on one line then two,
    with the years, at its ring's size then smaller (never below MIN_TEXT); the short form of the
    name likewise; both without the years; at last the name cut with "…"."""
    years = person.lifespan()
    names = [fan_name(person)]
    found: tuple[list[_Text], list[tuple[float, float]]] | None = None
    shortened = False
    years_ems = measure(years, False) if years else 0.0
    for with_years in ((True, False) if years else (False,)):
        plans = room.plans(size, with_years)
        if not plans:
            continue
        for i in range(2):
            if i == len(names):  # the short form, made only when the whole name did not fit
                short = short_name(person)
                if not short:
                    break
                names.append(short)
            name = names[i]
            name_ems = measure(name, True)
            two: tuple[str, ...] = ()
            for s, two_lines, arrangements, longest in plans:
                tail_w = [years_ems * s * YEARS_SCALE] if with_years else []
                if not two_lines:
                    if name_ems * s > longest:  # the usual miss, told without placing anything
                        continue
                    at = room.fit(arrangements, [name_ems * s, *tail_w])
                    lines = [name]
                elif " " in name:
                    two = two or measure.wrap(name)
                    lines = list(two)
                    at = room.fit(arrangements, [*(measure(t, True) * s for t in lines), *tail_w])
                else:
                    continue
                if at is not None:
                    tail: list[_Text] = [(years, False, s * YEARS_SCALE)] if with_years else []
                    found = ([*((t, True, s) for t in lines), *tail], at)
                    shortened = i > 0
                    break
            if found is not None:
                break
        if found is not None:
            break
    if found is None:
        cut = _shortened(room, names[-1], years, size, measure)
        placed = room.place(cut, measure) if cut else None
        if not cut or placed is None:
            return None
        found, shortened = (cut, placed), True
    # turned to read upright: radial names read outwards on the right and inwards on the left, so
    # there the first line (on top) is on the other side of the middle ray
    across = -1.0 if room.radial and middle < 0 else 1.0
    a = math.radians(middle)
    sin_a, cos_a = math.sin(a), math.cos(a)
    out = []
    for (text, bold, s), (rho, t) in zip(*found, strict=True):
        t *= across
        out.append(FanLine(text, s, bold, rho * sin_a + t * cos_a, -rho * cos_a + t * sin_a,
                           measure(text, bold) * s))
    return FanLabel(_rotation(middle, room.radial), tuple(out), room.radial, shortened)


def _shortened(room: _Room, name: str, years: str, size: float, measure: _Measure) -> list[_Text]:
    """The longest beginning of the name (with "…") that fits on one line, with the years if they fit;
    [] when not even one letter does."""
    for tail in ([(years, False, size * YEARS_SCALE)] if years else [], []):
        lines: list[_Text] = [("", True, size), *tail]
        room_width = room.first_line_room(lines, measure) / size
        if room_width <= 0:
            continue
        # from the length the average letter gives, a letter at a time to the longest cut that fits
        n = max(1, min(len(name) - 1, int(len(name) * room_width / max(measure(name, True), 1e-9))))
        while n > 1 and measure(_cut(name, n), True) > room_width:
            n -= 1
        while n + 1 < len(name) and measure(_cut(name, n + 1), True) <= room_width:
            n += 1
        if measure(_cut(name, n), True) <= room_width:
            return [(_cut(name, n), True, size), *tail]
    return []


def _cut(name: str, n: int) -> str:
    """The name cut to about `n` characters with "…" (at a space when one is near)."""
    cut = shorten(name, n + 1)
    return cut if cut.endswith(ELLIPSIS) else name[:n] + ELLIPSIS


# -- the rings -------------------------------------------------------------------------------------


@slotted(frozen=True)
class _Ring:
    inner: float
    outer: float
    size: float
    radial: bool


def _radial_size(inner: float, half: float) -> float:
    """The name size a ring of radial names starting at `inner` has room for across its segments."""
    across = 2 * ((inner + PAD) * math.tan(half) - SIDE_PAD / math.cos(half))
    return min(NAME_SIZE, across / LINE)


def _rings(angle: float, generations: int, r0: float) -> list[_Ring]:
    """Ring by ring outwards: names along the arc while it is long, radially once it is short.

    A ring of radial names is as long as a name. An outer ring whose segments are too thin for
    names of MIN_TEXT starts further out, where they are not: the radial rings inside it grow
    longer by equal shares of the gap (their names larger where that gives them room), so
    no ring is left one empty band.
    """
    widths: list[float] = []
    radial: list[bool] = []
    halves = [math.radians(angle) / 2 ** g / 2 for g in range(1, generations + 1)]
    lines = ALONG_LINES * LINE * NAME_SIZE
    r = r0
    for half in halves:
        # the room across the segment for its innermost line, were the names set along the arc
        chord = math.inf if half >= math.pi / 2 - 1e-9 else \
            2 * ((r + PAD) * math.tan(half) - PAD / math.cos(half))
        if chord >= TANGENT_EMS * NAME_SIZE and not (radial and radial[-1]):
            # wide enough that the outermost line, a straight one, holds NAME_EMS before it meets the arc
            top = r + PAD + lines
            widths.append(lines + 2 * PAD + math.hypot(top, NAME_EMS * NAME_SIZE / 2) - top)
            radial.append(False)
            r += widths[-1]
            continue
        size = _radial_size(r, half)
        if size < MIN_TEXT:  # start out where a line of MIN_TEXT fits across the segment
            need = (LINE * MIN_TEXT / 2 + SIDE_PAD / math.cos(half)) / math.tan(half) - PAD
            longer = [k for k, on in enumerate(radial) if on] or [len(widths) - 1]
            for k in longer:
                widths[k] += (need - r) / len(longer)
            r = need
            size = max(MIN_TEXT, _radial_size(r, half))
        widths.append(NAME_EMS * size + 2 * PAD)
        radial.append(True)
        r += widths[-1]
    rings: list[_Ring] = []
    r = r0
    for g, (width, on) in enumerate(zip(widths, radial, strict=True)):
        size = NAME_SIZE
        if on:
            size = max(MIN_TEXT, min(_radial_size(r, halves[g]), (width - 2 * PAD) / NAME_EMS))
        rings.append(_Ring(r, r + width, size, on))
        r += width
    return rings


def _focus_label(name: str, years: str, measure: _Measure, half_disc: bool) -> tuple[float, FanLabel]:
    """The focus' text in the middle, level, and the radius of the disc that holds it."""
    two = measure.wrap(name)
    name_lines = two if len(two) > 1 and measure(name, True) > NAME_EMS else (name,)
    lines: list[_Text] = [(t, True, NAME_SIZE) for t in name_lines]
    if years:
        lines.append((years, False, NAME_SIZE * YEARS_SCALE))
    height = sum(LINE * s for _, _, s in lines)
    top = -height - PAD if half_disc else -height / 2
    out: list[FanLine] = []
    radius = FOCUS_MIN_RADIUS
    for text, bold, size in lines:
        h = LINE * size
        w = measure(text, bold) * size
        out.append(FanLine(text, size, bold, 0.0, top + h / 2, w))
        far = max(abs(top), abs(top + h))
        radius = max(radius, math.hypot(w / 2, far) + PAD)
        top += h
    return radius, FanLabel(0.0, tuple(out), False)


def _rotation(middle: float, radial: bool) -> float:
    """Text turned so that it reads upright: along the arc, or outwards on the right and inwards
    on the left when radial."""
    if radial:
        return middle - 90.0 if middle >= 0 else middle + 90.0
    return middle if abs(middle) <= 90.0 + 1e-9 else middle + 180.0


def fan_layout(tree: Tree, focus_id: str, generations: int = 5, sizer: BoxSizer | None = None,
               options: FanOptions | None = None, limit: int = MAX_BOXES,
               orientation: Orientation = Orientation.VERTICAL) -> ChartLayout:
    """The ancestors fan of the focus: up to MAX_FAN_GENERATIONS rings of ancestors.

    Each person's segment spans their child's half; names are set along the arc in the
    inner rings and radially in the outer ones, turned to read upright. `sizer` measures
    text when it can (MeasuresText), else widths are estimated.
    """
    opts = options or FanOptions()
    layout = ChartLayout(ChartType.FAN, focus_id, orientation=orientation)
    if focus_id not in tree.people:
        layout.warnings.append(f"No person {focus_id} in this file.")
        return layout
    measure = _Measure(sizer.text_width if isinstance(sizer, MeasuresText) else approx_text_width)
    generations = max(0, min(generations, MAX_FAN_GENERATIONS))
    slots = _ancestors(tree, focus_id, generations, max(1, limit), layout.warnings)
    drawn = max(s.generation for s in slots)
    focus = tree.people[focus_id]
    half_disc = opts.angle == 180
    r0, focus_text = _focus_label(fan_name(focus), focus.lifespan(), measure, half_disc)
    rings = _rings(opts.angle, drawn, r0)
    radii = (r0, *(ring.outer for ring in rings))
    segments: list[FanSegment] = []
    smallest = NAME_SIZE
    rooms: dict[tuple[int, bool], _Room] = {}  # a ring's segments share their room (lower half: turned)
    for s in slots:
        person = tree.people[s.person_id]
        if s.generation == 0:
            start, end = (-90.0, 90.0) if half_disc else (-180.0, 180.0)
            seg = FanSegment(s.key, s.person_id, 0, 0, FanSide.FOCUS, start, end, 0.0, r0, label=focus_text)
        else:
            ring = rings[s.generation - 1]
            span = opts.angle / 2 ** s.generation
            start = -opts.angle / 2 + s.slot * span
            middle = start + span / 2
            turned = not ring.radial and abs(middle) > 90.0 + 1e-9
            room = rooms.get((s.generation, turned))
            if room is None:
                room = rooms[(s.generation, turned)] = _Room(ring.inner, ring.outer, math.radians(span) / 2,
                                                             ring.radial, turned)
            label = _set_label(room, person, ring.size, measure, middle)
            seg = FanSegment(s.key, s.person_id, s.generation, s.slot, _side(s.generation, s.slot), start,
                             start + span, ring.inner, ring.outer, s.duplicate_of, label)
        if seg.label is not None:
            smallest = min(smallest, seg.label.lines[0].size)  # the first line is the name's
        segments.append(seg)
        left, top, right, bottom = seg.bounds()
        layout.boxes.append(Box(s.key, s.person_id, left, top, right - left, bottom - top, -s.generation,
                                is_focus=s.generation == 0, duplicate_of=s.duplicate_of))
    layout.fan = FanChart(opts.angle, opts.colours, radii, tuple(segments), smallest)
    return layout


# -- checks ------------------------------------------------------------------------------------------


def check_fan(layout: ChartLayout) -> list[str]:
    """What would make a fan wrong, in words: segments off their ring or their slot, overlapping
    in a generation, outside the span of the child they belong to, or text outside its segment."""
    fan = layout.fan
    if fan is None:
        return []
    out: list[str] = []
    taken: dict[tuple[int, int], FanSegment] = {}
    for s in fan.segments:
        if (s.generation, s.slot) in taken:
            out.append(f"segments {taken[(s.generation, s.slot)].key} and {s.key} share a place")
        taken[(s.generation, s.slot)] = s
    for s in fan.segments:
        if s.generation == 0:
            continue
        span = fan.angle / 2 ** s.generation
        if not (0 <= s.slot < 2 ** s.generation) or \
                abs(s.start - (-fan.angle / 2 + s.slot * span)) > 1e-6 or abs(s.end - s.start - span) > 1e-6:
            out.append(f"segment {s.key} is not in its place in generation {s.generation}")
        if abs(s.inner - fan.radii[s.generation - 1]) > 1e-6 or abs(s.outer - fan.radii[s.generation]) > 1e-6:
            out.append(f"segment {s.key} is off its ring")
        child = taken.get((s.generation - 1, s.slot // 2))
        if child is None or child.duplicate_of:
            out.append(f"segment {s.key} stands beyond no segment of a child it belongs to")
        elif s.start < child.start - 1e-6 or s.end > child.end + 1e-6:
            out.append(f"segment {s.key} reaches outside the span of {child.key}")
    for s in fan.segments:
        if s.label is None:
            continue
        if not s.label.lines or not s.label.lines[0].text.strip():
            out.append(f"segment {s.key} has an empty label")
        if any(not s.contains(x, y) for x, y in s.label.corners()):
            out.append(f"the text of {s.key} reaches outside its segment")
    return out
