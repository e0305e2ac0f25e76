"""The results: one table of ratios (apicat against each peer, measured in the same run, since
on shared machines absolute times mean little), then each row's own figures, and the machine,
date, load and versions they were measured with."""
import dataclasses


@dataclasses.dataclass
class Row:
    row: str  # "1. gateway"
    measure: str  # "requests/s, request log on"
    apicat: float
    peer: str  # what apicat is compared with
    peer_value: float
    unit: str  # req/s, ms, s, MB
    higher_is_better: bool

    @property
    def advantage(self):
        """How many times better apicat does: above 1 it is ahead, below 1 behind."""
        if not self.apicat or not self.peer_value:
            return None
        return (self.apicat / self.peer_value if self.higher_is_better
                else self.peer_value / self.apicat)


def figure(value, unit):
    if value is None:
        return "n/a"
    if unit in ("req/s", "apps/s", "calls", "µs"):
        return f"{value:,.0f} {unit}"
    if unit == "ms":
        return f"{value:.3g} ms" if value < 100 else f"{value:,.0f} ms"
    if unit == "s":
        return f"{value:.3g} s" if value < 100 else f"{value:,.0f} s"
    if unit == "MB":
        return f"{value:,.1f} MB"
    return f"{value:g} {unit}"


def advantage_text(row):
    advantage = row.advantage
    if advantage is None:
        return "n/a"
    return f"**{advantage:.2f}×**" if round(advantage, 2) < 1 else f"{advantage:.2f}×"


def ratio_table(rows):
    lines = ["| row | measure | apicat | compared with | its figure | apicat's advantage |",
             "|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row.row} | {row.measure} | {figure(row.apicat, row.unit)} | {row.peer} "
                     f"| {figure(row.peer_value, row.unit)} | {advantage_text(row)} |")
    return "\n".join(lines)


def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def document(title, intro, rows, details, notes, environment):
    parts = [f"# {title}", intro, "## Ratios",
             "apicat's advantage: how many times better apicat did than what it is compared with "
             "(throughput ÷ throughput; for time and memory, the peer's ÷ apicat's); "
             "**bold** below 1, where apicat is behind.", ratio_table(rows)]
    for heading, text in details:
        parts += [f"## {heading}", text]
    if notes:
        parts += ["## Notes", "\n".join(f"- {note}" for note in notes)]
    parts += ["## Machine and versions",
              markdown_table(["", ""], [(name, value) for name, value in environment.items()])]
    return "\n\n".join(parts) + "\n"
