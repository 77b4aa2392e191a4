"""The names of the output tables, in the order they are written and reported (no heavy imports)."""

TABLE_NAMES = ("documents", "decisions", "amounts", "organisations", "programmes", "cost_lines")
