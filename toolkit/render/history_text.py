"""A history for the terminal: each paragraph of the newest version with its past."""

from __future__ import annotations

from toolkit.history import History
from toolkit.render.outline import _row
from toolkit.render.safe import visible, visible_name


def render(h: History) -> str:
    lines = [f"History over {len(h.versions)} versions:"]
    for i, doc in enumerate(h.versions):
        name = doc.metadata.symbol or doc.metadata.resolution_number or ""
        lines.append(f"  v{i}  {visible_name(doc.source.path)}" + (f"  ({name})" if name else ""))
    lines.append("")
    width = max([8, *(len(lineage.id) + 1 for lineage in h.paragraphs)])
    for lineage in h.paragraphs:
        since = f"since v{lineage.first_version}"
        origin = lineage.ids[lineage.first_version]
        if origin and origin != lineage.id:
            since += f" (as {origin})"
        if lineage.first_version == len(h.versions) - 1:
            since = f"new in v{lineage.first_version}"
        changed = ", changed in " + ", ".join(f"v{k}" for k in lineage.changed_in) if lineage.changed_in else ""
        lines.append(f"{lineage.id:<{width}}{since}{changed}")
    if h.dropped:
        lines += ["", "Dropped along the way:"]
        for d in h.dropped:
            lines.append(_row(f"  v{d.version - 1} {d.id}", f"dropped in v{d.version}: {d.text}", 0))
    return visible("\n".join(lines)) + "\n"
