"""What ``untk fix`` did or would do, for the terminal."""

from __future__ import annotations

from toolkit.fixes import Fixed


def written(fixed: Fixed, backup: str | None) -> str:
    """The line for a file replaced with its fixed text (and where the old text was kept)."""
    from toolkit.render.safe import visible_name

    n = len(fixed.applied)
    was = f" (was: {visible_name(backup)})" if backup else ""
    return f"fixed {visible_name(fixed.path)}: {n} change{'s' if n != 1 else ''}" + was + "\n"


def preview(fixed: Fixed, terminal: bool = False) -> str:
    """The unified diff of what writing would change; on a terminal, with escapes made visible
    (a terminal obeys them; a pipe gets the patch as it is)."""
    patch = fixed.unified_diff()
    if terminal:
        from toolkit.render.safe import visible

        patch = visible(patch)
    return patch


def not_applied(fixed: Fixed) -> list[str]:
    """A line for each reason some offered fixes were left out, with how many."""
    from toolkit.render.safe import visible_name

    return [
        f"{visible_name(fixed.path)}: {count} fix{'es' if count != 1 else ''} not applied: {reason}"
        for reason, count in fixed.skipped.items()
    ]
