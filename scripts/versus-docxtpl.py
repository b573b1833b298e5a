"""Side by side: `congvan forward` of a directive against a docxtpl render of the same
letter, each a whole process, alternating so that the machine's noise falls on both.

Usage: python versus-docxtpl.py CONGVAN DIRECTIVE RUNS (run by scripts/versus-docxtpl, in
a venv with docxtpl). The docxtpl template is built here with python-docx: the same
header table, number, date, trích yếu, Kính gửi, body, Nơi nhận and signature, filled from
the letter `congvan forward --json` drafts."""

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docx import Document
from docx.shared import Pt

RENDER = """
import json, sys
from docxtpl import DocxTemplate
t = DocxTemplate(sys.argv[1])
t.render(json.load(open(sys.argv[2], encoding="utf-8")))
t.save(sys.argv[3])
"""


def template(path: Path) -> None:
    """A letter template with the parts of an ND30 công văn, in Jinja tags."""
    d = Document()
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    table = d.add_table(rows=4, cols=2)
    table.cell(0, 0).text = "{{ parent_body }}"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    table.cell(1, 0).text = "{{ issuer|upper }}"
    table.cell(1, 1).text = "Độc lập - Tự do - Hạnh phúc"
    table.cell(2, 0).text = "Số: {{ number or '' }}/{{ symbol }}"
    table.cell(2, 1).text = "{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}"
    table.cell(3, 0).text = "V/v {{ subject }}"
    d.add_paragraph("Kính gửi: {% for r in recipients %}{{ r }}{% if not loop.last %}; {% endif %}{% endfor %}")
    d.add_paragraph("{%p for p in body %}")
    d.add_paragraph("{{ p }}")
    d.add_paragraph("{%p endfor %}")
    sign = d.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "Nơi nhận:"
    sign.cell(0, 0).add_paragraph("{%p for n in distribution %}")
    sign.cell(0, 0).add_paragraph("- {{ n }};")
    sign.cell(0, 0).add_paragraph("{%p endfor %}")
    sign.cell(0, 1).text = "{{ signature.authority }}"
    sign.cell(0, 1).add_paragraph("{{ signature.title }}")
    sign.cell(0, 1).add_paragraph("{{ signature.name }}")
    d.save(path)


def timed(cmd: list[str]) -> float:
    """Seconds a whole process takes, failing loudly if it fails."""
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    congvan, directive, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        forward = [congvan, "forward", directive, "-o", str(tmp / "congvan.docx"), "--today", "2026-12-03"]
        drafted = subprocess.run(forward + ["--json"], check=True, capture_output=True, text=True)
        letter = json.loads(drafted.stdout)["letter"]
        year, month = letter["date"].split("-")[:2]
        letter.update(day="...", month=month, year=year)
        letter["body"] = [p for p in letter["body"].split("\n\n") if p.strip()]
        (tmp / "context.json").write_text(json.dumps(letter, ensure_ascii=False), encoding="utf-8")
        template(tmp / "template.docx")
        (tmp / "render.py").write_text(RENDER, encoding="utf-8")
        docxtpl = [sys.executable, str(tmp / "render.py"), str(tmp / "template.docx"), str(tmp / "context.json"), str(tmp / "docxtpl.docx")]
        timed(forward), timed(docxtpl)  # warm the page cache for both
        ours, theirs = [], []
        for _ in range(runs):
            ours.append(timed(forward))
            theirs.append(timed(docxtpl))
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"congvan forward: median {a * 1000:.1f} ms over {runs} runs")
    print(f"docxtpl render:  median {b * 1000:.1f} ms over {runs} runs")
    print(f"congvan is {b / a:.1f}x faster")


if __name__ == "__main__":
    main()
