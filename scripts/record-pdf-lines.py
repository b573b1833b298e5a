"""Writes tests/data/pdf-lines/NAME.json: {"letter": ..., "lines": [[page, text], ...]}, the
lines LibreOffice sets when it prints the .docx the app writes of the letter. Words are
grouped into lines as tests/pdf.rs groups the in-process PDF's: by page, then into bands
of bottoms within 2.5 pt, then split where the gap between words is 40 pt or more."""
import glob, html, json, os, re, shutil, subprocess, sys, tempfile

tool = os.path.abspath(sys.argv[1])
out_dir = "tests/data/pdf-lines"
profile = "profiles/duong-minh-chau.toml"
BAND, GAP = 2.5, 40.0


def lines(pdf):
    text = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True,
                          text=True, check=True).stdout
    words = []
    for page, body in enumerate(text.split("<page ")[1:]):
        for a, b, c, d, w in re.findall(
                r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', body):
            words.append((page, float(d), float(a), float(c), html.unescape(w)))
    return group(words)


def group(words):
    """(page, bottom, left, right, text) words into (page, text) lines."""
    words.sort(key=lambda w: (w[0], w[1], w[2]))
    out, band = [], []

    def flush():
        band.sort(key=lambda w: w[2])
        line, right = [], None
        for w in band:
            if line and (w[2] - right >= GAP or w[2] < right - 1.0):
                out.append([w[0], " ".join(line)])
                line = []
            line.append(w[4])
            right = w[3]
        if line:
            out.append([band[0][0], " ".join(line)])

    for w in words:
        if band and (w[0] != band[0][0] or w[1] - band[0][1] >= BAND):
            flush()
            band = []
        band.append(w)
    if band:
        flush()
    return out


def main():
    work = tempfile.mkdtemp(prefix="congvan-pdf-lines-")
    letters = {}
    for f in sorted(glob.glob("tests/fixtures/*.json")):
        letters[os.path.basename(f)[:-5]] = json.load(open(f, encoding="utf-8"))
    for f in sorted(glob.glob("tests/data/corpus/docs/*")):
        name = "corpus-" + os.path.splitext(os.path.basename(f))[0]
        got = subprocess.run([tool, "forward", f, "-o", os.path.join(work, "x.docx"),
                              "--today", "2026-12-03", "--profile", profile, "--json"],
                             capture_output=True, text=True)
        if got.returncode == 0:
            letters[name] = json.loads(got.stdout)["letter"]
    # A letter of three pages with a footnote: page breaks, numbers and the notes' room.
    long = dict(letters["seed-000-cong-van-165"])
    long["body"] = "\n\n".join([long["body"]] * 7) + \
        "\n\nMột đoạn có chú thích[^1] ở cuối trang.\n\n[^1]: Chú thích dài để thử việc " \
        "ngắt dòng của phần chú thích cuối trang trong tệp PDF của ứng dụng."
    letters["long-three-pages"] = long
    docs = []
    for name, letter in letters.items():
        path = os.path.join(work, name + ".json")
        json.dump(letter, open(path, "w", encoding="utf-8"), ensure_ascii=False)
        subprocess.run([tool, "render", path, "-o", os.path.join(work, name + ".docx")],
                       check=True)
        docs.append(os.path.join(work, name + ".docx"))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", work] + docs,
                   check=True, capture_output=True)
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    total = 0
    for name, letter in letters.items():
        got = lines(os.path.join(work, name + ".pdf"))
        total += len(got)
        with open(os.path.join(out_dir, name + ".json"), "w", encoding="utf-8") as f:
            json.dump({"letter": letter, "lines": got}, f, ensure_ascii=False, indent=0)
            f.write("\n")
    shutil.rmtree(work)
    print(f"{len(letters)} letters, {total} lines, in {out_dir}")


main()
