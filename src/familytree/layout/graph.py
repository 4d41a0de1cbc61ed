"""Which people and families a chart shows: boxes by generation, row groups of partners, walks."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import field

from familytree.layout.chart import Branch, LayoutOptions
from familytree.model import ChildRelation, Family, Sex, Tree
from familytree.model.slotted import slotted
from familytree.model.text import shorten

# A chart larger than this stops growing, with a warning: "all generations" of a
# 100,000-person file must not freeze the window.
MAX_BOXES = 5000


@slotted
class Node:
    """One box to be: a person at a generation (a marked duplicate when reached twice)."""

    key: str
    person_id: str
    gen: int
    order: int  # creation order: the deterministic tie-break everywhere
    duplicate_of: str = ""
    segment: int = -1


@slotted
class FamilyDraw:
    """One family as drawn: its partners in row `gen` and its children in row `gen + 1`."""

    family_id: str
    gen: int
    parents: list[str]  # node keys, husband first
    children: list[str] = field(default_factory=list)  # node keys
    relations: dict[str, tuple[ChildRelation, str]] = field(default_factory=dict)  # key -> (relation, phrase)
    child_index: dict[str, int] = field(default_factory=dict)  # key -> index in the family's child list
    # no partner recorded in the file: drawn as a bracket over the children with a marker
    unknown_parents: bool = False


class ChartGraph:
    """The people, families and row groups of one chart, built by walks from the focus.

    A person is drawn once per generation: reached again at the same generation
    (cousins who married) the existing box gets the extra connector; reached at
    another generation, a duplicate box marked with `duplicate_of` is made and
    the walk does not continue from it, which also stops cycles in bad data.
    """

    def __init__(self, tree: Tree, limit: int = MAX_BOXES, options: LayoutOptions | None = None) -> None:
        self.tree = tree
        self.limit = limit
        # folded branches: walks stop at these people; `branches` says, per box walked from, whether
        # its ancestors and descendants were drawn or folded (for the handles on the boxes)
        self.hide_up = options.hide_ancestors if options is not None else frozenset()
        self.hide_down = options.hide_descendants if options is not None else frozenset()
        self.branches: dict[str, tuple[Branch, Branch]] = {}  # key -> (ancestors, descendants)
        self.fixed_up: set[str] = set()  # keys whose ancestors are another's to fold (the focus' siblings)
        self.nodes: dict[str, Node] = {}
        self.dups: dict[tuple[str, int], str] = {}
        self.segments: list[list[str]] = []  # partners side by side in a row; [] once merged away
        self.families: dict[tuple[str, int], FamilyDraw] = {}
        # couples whose partners stand in row groups of their own, each in their family's place
        # (layout.couples): joined by a line under their row, or by a duplicate beside one of them
        self.apart: set[tuple[str, int]] = set()
        self.warnings: list[str] = []
        self.full = False
        self._dup_count: dict[str, int] = {}
        self._birth_order: dict[str, list[str]] = {}
        self._birth_rank: dict[str, dict[str, int]] = {}  # family -> child -> place in birth_order

    # -- boxes ---------------------------------------------------------------
    def place(self, person_id: str, gen: int, reached_from: str = "") -> tuple[str, bool]:
        """The key of the box for a person at a generation, and whether it is new and primary.

        Returns ("", False) when the chart is full.
        """
        node = self.nodes.get(person_id)
        if node is not None and node.gen == gen:
            return person_id, False
        if node is not None:
            key = self.dups.get((person_id, gen))
            if key:
                return key, False
        if len(self.nodes) >= self.limit:
            if not self.full:
                self.full = True
                self.warnings.append(
                    f"The chart stops at {self.limit:,} people; choose fewer generations to see all of it."
                )
            return "", False
        if node is None:
            self._new_node(person_id, person_id, gen, "")
            return person_id, True
        n = self._dup_count.get(person_id, 1) + 1
        self._dup_count[person_id] = n
        key = f"{person_id}#{n}"
        self._new_node(key, person_id, gen, person_id)
        self.dups[(person_id, gen)] = key
        if reached_from:
            self._check_cycle(person_id, reached_from, gen)
        return key, False

    def duplicate_beside(self, key: str, partner: str) -> str:
        """A marked duplicate of `partner` in the row group of `key`, beside them as every couple
        stands; its key. (The partner's first box keeps its own place in the row.)"""
        person_id = self.nodes[partner].person_id
        n = self._dup_count.get(person_id, 1) + 1
        self._dup_count[person_id] = n
        dup = f"{person_id}#{n}"
        original = self.nodes[partner].duplicate_of or partner
        self._new_node(dup, person_id, self.nodes[key].gen, original)
        fam = next((f for f in self.partnered_families(self.nodes[key].person_id)
                    if person_id in f.partner_ids), None)
        self.join(key, dup, fam is not None and self.partner_goes_left(fam, self.nodes[key].person_id))
        return dup

    def _new_node(self, key: str, person_id: str, gen: int, duplicate_of: str) -> None:
        node = Node(key, person_id, gen, len(self.nodes), duplicate_of, len(self.segments))
        self.nodes[key] = node
        self.segments.append([key])

    def _check_cycle(self, person_id: str, reached_from: str, gen: int) -> None:
        """Warn when a person reached again is part of an ancestry loop (bad data)."""
        other = self.nodes[reached_from]
        # The parent or child link joins person and other; a loop exists when
        # the one above is also a descendant of the one below.
        upper, lower = (person_id, other.person_id) if gen < other.gen else (other.person_id, person_id)
        if _is_ancestor(self.tree, lower, upper):
            name = shorten(self.tree.people[person_id].display_name())  # a message, not the record
            msg = (f"{name} ({person_id}) is recorded as their own ancestor; "
                   "the chart shows them again as a marked duplicate and stops there.")
            if msg not in self.warnings:
                self.warnings.append(msg)

    # -- partners side by side -----------------------------------------------
    def join(self, a: str, b: str, prefer_left: bool) -> None:
        """Put partner b beside a in a's row group, on a's left when prefer_left.

        Neither group is turned round, and b's goes wholly to that side of a's: every couple
        joined so far keeps its order, so each stands as `partner_goes_left` says, in every
        chart. Where b cannot stand right beside a, a routed line joins them.
        """
        na, nb = self.nodes[a], self.nodes[b]
        sa, sb = na.segment, nb.segment
        if sa == sb:
            return
        seg_a, seg_b = self.segments[sa], self.segments[sb]
        if len(seg_b) == 1 and len(seg_a) > 1:
            at = self._place_beside(seg_a, a, b, prefer_left)
            if at >= 0:
                seg_a.insert(at, b)
                self.segments[sb] = []
                nb.segment = sa
                return
        elif len(seg_a) == 1 and len(seg_b) > 1:
            at = self._place_beside(seg_b, b, a, not prefer_left)
            if at >= 0:
                seg_b.insert(at, a)
                self.segments[sa] = []
                na.segment = sb
                return
        merged = seg_b + seg_a if prefer_left else seg_a + seg_b
        self.segments[sa] = merged
        self.segments[sb] = []
        for k in seg_b:
            self.nodes[k].segment = sa

    def _place_beside(self, seg: list[str], a: str, b: str, prefer_left: bool) -> int:
        """Where b goes in a's group on its side of a, a's partners on that side in the order of
        the partnerships from left to right; -1 if that would part another couple (then b's
        group goes to that end of a's)."""
        pid = self.nodes[a].person_id
        order = {p: i for i, f in enumerate(self.partnered_families(pid)) for p in f.partner_ids if p != pid}
        mine = order.get(self.nodes[b].person_id, len(order))
        i = seg.index(a)
        step = -1 if prefer_left else 1
        j = i + step
        while 0 <= j < len(seg) and order.get(self.nodes[seg[j]].person_id, -1) >= 0 and (
                order[self.nodes[seg[j]].person_id] < mine if not prefer_left else
                order[self.nodes[seg[j]].person_id] > mine):
            j += step
        at = j + 1 if prefer_left else j  # insert between seg[at - 1] and seg[at]
        if 0 < at < len(seg):
            x, y = self.nodes[seg[at - 1]].person_id, self.nodes[seg[at]].person_id
            if pid not in (x, y) and y in self.tree.partners(x):
                return -1
        return at

    # -- families --------------------------------------------------------------
    def partnered_families(self, person_id: str) -> list[Family]:
        """The person's families with a partner, first partnership first.

        In the order of time when the file dates every one of them (by a family event,
        else the first child's birth): files often list a second marriage's FAMS before
        the first. Otherwise in the file's order.
        """
        fams = [f for f in self.tree.partner_families(person_id)
                if any(p != person_id and p in self.tree.people for p in f.partner_ids)]
        if len(fams) > 1:
            years = [_family_year(self.tree, f) for f in fams]
            if all(y is not None for y in years):
                order = sorted(range(len(fams)), key=lambda i: (years[i], i))
                fams = [fams[i] for i in order]
        return fams

    def partner_goes_left(self, fam: Family, person_id: str) -> bool:
        """Whether the other partner of `fam` stands to the left of `person_id`.

        One rule for every couple in every chart, whoever is the focus: the man
        stands left of the woman; two partners of the same or an unknown sex stand
        as the file names them, HUSB left. A person's several partners on one side
        stand in the order of the partnerships (see `_place_beside`).
        """
        other = next((p for p in fam.partner_ids if p != person_id), "")
        return bool(other) and other == left_partner(self.tree, fam)

    def family_at(self, fam: Family, gen: int, via: str = "", anchor: str = ""
                  ) -> tuple[FamilyDraw | None, list[str]]:
        """The family drawn with its partners in row `gen`, and the keys of new primary partners.

        `via` is the child the walk came from; `anchor` the partner it came from,
        beside whom the other partner stands.
        """
        fd = self.families.get((fam.id, gen))
        if fd is not None:
            return fd, []
        parents: list[str] = []
        new: list[str] = []
        for pid in fam.partner_ids:
            if pid not in self.tree.people or (parents and self.nodes[parents[0]].person_id == pid):
                continue
            key, is_new = self.place(pid, gen, via)
            if not key:
                if not parents:
                    return None, new
                break  # the chart is full: the partner already placed still gets the family's lines
            parents.append(key)
            if is_new:
                new.append(key)
        fd = FamilyDraw(fam.id, gen, parents)
        self.families[(fam.id, gen)] = fd
        if len(parents) == 2:
            a, b = (parents[1], parents[0]) if anchor == parents[1] else (parents[0], parents[1])
            self.join(a, b, self.partner_goes_left(fam, self.nodes[a].person_id))
        return fd, new

    def birth_order(self, fam: Family) -> list[str]:
        """A family's children, the dated ones eldest first (files do not always list them so:
        bach-paf.ged names J. S. Bach before his elder brother); a child the file gives no year of
        birth keeps its place in the file's list, the dated ones taking the other places in the
        order of their births, so any two dated brothers and sisters stand eldest first."""
        order = self._birth_order.get(fam.id)
        if order is None:
            order = list(fam.child_ids)
            years = [_birth_year(self.tree, c) for c in order]
            dated = [i for i, y in enumerate(years) if y is not None]
            if len(dated) > 1:
                ranked = sorted(dated, key=lambda i: (years[i], i))
                placed = list(order)
                for slot, i in zip(dated, ranked, strict=True):
                    placed[slot] = order[i]
                order = placed
            self._birth_order[fam.id] = order
        return order

    def _rank_in(self, fam: Family, person_id: str) -> int:
        """A child's place in birth_order (a dict: a bad file's family may have thousands)."""
        rank = self._birth_rank.get(fam.id)
        if rank is None:
            rank = {}
            for i, cid in enumerate(self.birth_order(fam)):
                rank.setdefault(cid, i)
            self._birth_rank[fam.id] = rank
        return rank.get(person_id, 0)

    def add_child(self, fd: FamilyDraw, fam: Family, key: str) -> None:
        if key in fd.relations:
            return
        pid = self.nodes[key].person_id
        for ref in fam.children:
            if ref.person_id == pid:
                fd.children.append(key)
                fd.relations[key] = (ref.relation, ref.phrase)
                fd.child_index[key] = self._rank_in(fam, pid)
                return

    def partner_families(self, key: str) -> list[tuple[FamilyDraw, Family]]:
        """Draw every family of a person with its partner beside them (see partner_goes_left)."""
        node = self.nodes[key]
        out: list[tuple[FamilyDraw, Family]] = []
        for fam in self.tree.partner_families(node.person_id):
            fd, _ = self.family_at(fam, node.gen, anchor=key)
            if fd is None:
                break
            out.append((fd, fam))
        return out

    def parentless_siblings(self, key: str) -> list[str]:
        """Draw the brothers and sisters of a box from families naming no parents; the new keys."""
        node = self.nodes[key]
        new: list[str] = []
        for fam in self.tree.parent_families(node.person_id):
            if any(p in self.tree.people for p in fam.partner_ids):
                continue
            for ref in fam.children:
                if ref.person_id == node.person_id or ref.person_id not in self.tree.people:
                    continue
                ck, is_new = self.place(ref.person_id, node.gen, key)
                if not ck:
                    return new
                if is_new:
                    new.append(ck)
        return new

    def join_siblings(self) -> None:
        """Join every brother and sister on the chart to their family: to its couple where drawn,
        else by a bracket.

        A family naming no parents is always drawn so (as other genealogy programs
        draw an "unknown parents" family); one whose parents are past the
        generations shown only where a child would otherwise be joined to nothing.
        """
        joined: set[str] = set()
        for fd in self.families.values():
            if fd.children or len(fd.parents) == 2:
                joined.update(fd.parents)
                joined.update(fd.children)
        for key, node in list(self.nodes.items()):
            if node.duplicate_of:
                joined.update((key, node.duplicate_of))
        for fd in list(self.families.values()):
            # a child joined to nothing whose family is drawn hangs from it (the walk that would
            # have linked them stopped at the size limit)
            fam = self.tree.families.get(fd.family_id)
            if fam is not None and fd.parents:
                for ref in fam.children:
                    k = self._key_at(ref.person_id, fd.gen + 1)
                    if k and k not in joined:
                        self.add_child(fd, fam, k)
                        joined.update(fd.parents + [k])
        for node in list(self.nodes.values()):
            gen = node.gen - 1
            for fam in self.tree.parent_families(node.person_id):
                if (fam.id, gen) in self.families:
                    continue
                kids: list[str] = []
                for ref in fam.children:
                    k = self._key_at(ref.person_id, node.gen)
                    if k and k not in kids:
                        kids.append(k)
                unknown = not any(p in self.tree.people for p in fam.partner_ids)
                if len(kids) < 2 or (not unknown and all(k in joined for k in kids)):
                    continue
                fd = FamilyDraw(fam.id, gen, [], unknown_parents=unknown)
                self.families[(fam.id, gen)] = fd
                for k in kids:
                    self.add_child(fd, fam, k)
                joined.update(kids)

    def drop_strays(self, focus: str) -> None:
        """Remove the boxes no line joins to the focus: only a walk cut short by the size limit
        leaves such (a half-sibling placed before the parent they share with the focus)."""
        parent = {k: k for k in self.nodes}

        def root(k: str) -> str:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        for fd in self.families.values():
            members = fd.parents + fd.children
            for k in members[1:]:
                parent[root(k)] = root(members[0])
        for key, node in self.nodes.items():
            if node.duplicate_of:
                parent[root(key)] = root(node.duplicate_of)
        if focus not in parent:
            return
        main = root(focus)
        strays = {k for k in self.nodes if root(k) != main}
        if not strays:
            return
        for k in strays:
            node = self.nodes.pop(k)
            self.segments[node.segment].remove(k)
        self.dups = {at: k for at, k in self.dups.items() if k not in strays}
        self.families = {at: fd for at, fd in self.families.items()
                         if not any(k in strays for k in fd.parents + fd.children)}

    def _key_at(self, person_id: str, gen: int) -> str:
        """The box of a person at a generation, or ""."""
        node = self.nodes.get(person_id)
        if node is not None and node.gen == gen:
            return person_id
        return self.dups.get((person_id, gen), "")

    # -- walks (iterative: files can be thousands of generations deep) ------------
    def parents_of(self, key: str) -> list[str]:
        """Draw the parents' couples of a box one row up; the keys of new primary parents."""
        node = self.nodes[key]
        new: list[str] = []
        families = [fam for fam in self.tree.parent_families(node.person_id)
                    if any(p in self.tree.people for p in fam.partner_ids)]
        if node.person_id in self.hide_up:
            if families:
                self._branch(key, up=Branch.HIDDEN)
            return new
        if self.hide_up:  # a folded person's parents are not drawn, whichever child the walk reaches
            families = [fam for fam in families if self.hide_up.isdisjoint(fam.child_ids)]
        for fam in families:
            fd, added = self.family_at(fam, node.gen - 1, via=key)
            if fd is None:
                break
            self.add_child(fd, fam, key)
            new.extend(added)
        if new and key not in self.fixed_up:
            self._branch(key, up=Branch.SHOWN)
        return new

    def children_of(self, key: str, families: list[tuple[FamilyDraw, Family]]) -> list[str]:
        """Draw the children of a box's families one row down; the keys of new primary children."""
        gen = self.nodes[key].gen + 1
        new: list[str] = []
        if self.hide_down:
            # a folded person's children are not drawn, whichever partner the walk reaches them from
            if self.nodes[key].person_id in self.hide_down:
                if any(ref.person_id in self.tree.people for _, fam in families for ref in fam.children):
                    self._branch(key, down=Branch.HIDDEN)
                return new
            families = [(fd, fam) for fd, fam in families if self.hide_down.isdisjoint(fam.partner_ids)]
        for fd, fam in families:
            for ref in fam.children:
                if ref.person_id not in self.tree.people:
                    continue
                ck, is_new = self.place(ref.person_id, gen, key)
                if not ck:
                    return new
                self.add_child(fd, fam, ck)
                if is_new:
                    new.append(ck)
        if new:
            self._branch(key, down=Branch.SHOWN)
        return new

    def _branch(self, key: str, up: Branch | None = None, down: Branch | None = None) -> None:
        was_up, was_down = self.branches.get(key, (Branch.NONE, Branch.NONE))
        self.branches[key] = (up or was_up, down or was_down)

    def walk_up(self, start: Iterable[str], min_gen: int) -> None:
        """Parents' couples of every start box, and theirs, up to row `min_gen`."""
        queue = deque(start)
        while queue and not self.full:
            key = queue.popleft()
            if self.nodes[key].gen - 1 >= min_gen:
                queue.extend(self.parents_of(key))

    def walk_down(self, start: Iterable[str], max_gen: int) -> None:
        """Partners and children of every start box, and theirs, down to row `max_gen`."""
        queue = deque(start)
        while queue and not self.full:
            key = queue.popleft()
            families = self.partner_families(key)
            if self.nodes[key].gen + 1 <= max_gen:
                queue.extend(self.children_of(key, families))

    # -- queries ---------------------------------------------------------------
    def live_segments(self) -> list[int]:
        return [i for i, s in enumerate(self.segments) if s]


def left_partner(tree: Tree, fam: Family) -> str:
    """The partner of a couple who stands on the left in every chart: the man beside a woman,
    else the one the file names first (HUSB)."""
    husband, wife = tree.people.get(fam.husband_id), tree.people.get(fam.wife_id)
    if husband is not None and wife is not None and husband.sex is Sex.FEMALE and wife.sex is Sex.MALE:
        return fam.wife_id
    return fam.husband_id


def _family_year(tree: Tree, fam: Family) -> int | None:
    """When a partnership began, as far as the file says: its earliest dated event, else its
    first child's birth."""
    years = [e.date.year for e in fam.events if e.date is not None and e.date.year is not None]
    if not years:
        years = [y for y in (_birth_year(tree, c) for c in fam.child_ids) if y is not None]
    return min(years) if years else None


def _birth_year(tree: Tree, person_id: str) -> int | None:
    person = tree.people.get(person_id)
    return person.birth_year if person is not None else None


def _is_ancestor(tree: Tree, ancestor: str, person: str, budget: int = 200_000) -> bool:
    """True when `ancestor` is reached walking up from `person` (bounded, iterative)."""
    seen = {person}
    stack = [person]
    while stack and budget > 0:
        budget -= 1
        pid = stack.pop()
        for parent in tree.parents(pid):
            if parent == ancestor:
                return True
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return False
