"""The pages of each PDF in a folder as a scan would give them, written as image-only PDFs;
or with --photos, the first page of each as a phone's photo sent through chat, a JPEG; or
with --rescanned, each scan's page as another scanner would give it, at 200, 300 and 600
dpi, turned 2.5°, and at 150 dpi (scripts/degraded-files). Seeded: the same pages every run."""

import glob
import os
import random
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image, ImageFilter


def pages_of(path, whole=False):
    """The pages to print: all of four or fewer (or all, `whole`), else the first three and
    the one with "Nơi nhận" (the signature's)."""
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    n = int(next(l for l in info.splitlines() if l.startswith("Pages")).split()[1])
    if n <= 4 or whole:
        return list(range(1, n + 1))
    for p in range(4, n + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(p), "-l", str(p), path, "-"], capture_output=True, text=True
        ).stdout
        if "Nơi nhận" in text or "NƠI NHẬN" in text:
            return [1, 2, 3, p]
    return [1, 2, 3]


def degraded(path, page, tmp):
    """One page at 200 dpi in grey, turned up to 0.8°, blurred, with grain; two in five in
    black and white."""
    base = os.path.join(tmp, "page")
    subprocess.run(
        ["pdftoppm", "-r", "200", "-gray", "-png", "-f", str(page), "-l", str(page),
         "-singlefile", path, base],
        check=True,
    )
    im = Image.open(base + ".png").convert("L")
    im = im.rotate(random.uniform(-0.8, 0.8), resample=Image.BICUBIC, fillcolor=255)
    im = im.filter(ImageFilter.GaussianBlur(random.uniform(0.4, 0.9)))
    a = np.asarray(im).astype(np.float32) + np.random.normal(0, 12, (im.height, im.width))
    if random.random() < 0.4:
        a = np.where(a < 150, 0, 255)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def photo(path, tmp):
    """The first page as a phone's photo of the sheet on a desk: 200 dpi in colour, the paper
    a little yellow, the desk around it, seen a little aslant (each corner moved up to 3 %)
    and turned up to 3°, lit from one side and darker in the corners, blurred, with grain,
    2000 pixels at its longer side, JPEG at quality 75."""
    base = os.path.join(tmp, "page")
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", "-singlefile", path, base],
        check=True,
    )
    im = Image.open(base + ".png").convert("RGB")
    w, h = im.size
    mx, my = int(w * 0.08), int(h * 0.06)
    desk = np.zeros((h + 2 * my, w + 2 * mx, 3), np.float32) + np.array([110, 95, 80])
    desk[my:my + h, mx:mx + w] = np.asarray(im).astype(np.float32) * np.array([1.0, 0.97, 0.9])
    im = Image.fromarray(np.clip(desk, 0, 255).astype(np.uint8))
    W, H = im.size
    corners = [(0, 0), (0, H), (W, H), (W, 0)]
    quad = [(x + random.uniform(-0.03, 0.03) * W, y + random.uniform(-0.03, 0.03) * H)
            for x, y in corners]
    im = im.transform((W, H), Image.QUAD, tuple(c for p in quad for c in p),
                      resample=Image.BICUBIC, fillcolor=(90, 80, 70))
    im = im.rotate(random.uniform(-3, 3), resample=Image.BICUBIC, fillcolor=(90, 80, 70))
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    side = random.uniform(0, 6.28)
    slope = np.cos(side) * (xx / W - 0.5) + np.sin(side) * (yy / H - 0.5)
    light = 0.85 + 0.25 * slope - 0.36 * ((xx / W - 0.5) ** 2 + (yy / H - 0.5) ** 2)
    a = np.asarray(im).astype(np.float32) * light[..., None]
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    im = im.filter(ImageFilter.GaussianBlur(random.uniform(0.5, 1.1)))
    a = np.asarray(im).astype(np.float32) + np.random.normal(0, 5, (H, W, 1))
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    s = 2000 / max(W, H)
    return im.resize((int(W * s), int(H * s)), Image.LANCZOS)


def rescanned(path, tmp, target, k):
    """The first page rendered at 300 dpi in colour, written as a JPEG at quality 85 in
    `target`/at300, and doubled (600 dpi) in `target`/at600; at 200 dpi in grey, turned
    up to 1°, with grain, as a JPEG at quality 70 (an office copier's scan to e-mail) in
    `target`/at200; at 300 dpi in grey turned 2.5°, the `k`th scan one way and the next
    the other (a sheet fed crooked), as a JPEG at quality 85 in `target`/aslant; and at 150
    dpi in grey as a JPEG at quality 75 (a scan to e-mail at its coarsest) in
    `target`/at150; at 300 dpi in black and white, each pixel black where its grey is 140
    or darker (an office scanner's black-and-white mode: a seal's and a pen's ink go black
    or vanish with the print), in `target`/bw."""
    base = os.path.join(tmp, "page")
    subprocess.run(
        ["pdftoppm", "-r", "200", "-gray", "-png", "-f", "1", "-l", "1", "-singlefile", path,
         base],
        check=True,
    )
    im = Image.open(base + ".png").convert("L")
    im = im.rotate(random.uniform(-1, 1), resample=Image.BICUBIC, fillcolor=255)
    a = np.asarray(im).astype(np.float32) + np.random.normal(0, 8, (im.height, im.width))
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    im.save(os.path.join(target, "at200", os.path.basename(path)), resolution=200.0,
            quality=70)
    subprocess.run(
        ["pdftoppm", "-r", "300", "-png", "-f", "1", "-l", "1", "-singlefile", path, base],
        check=True,
    )
    im = Image.open(base + ".png").convert("RGB")
    name = os.path.basename(path)
    im.save(os.path.join(target, "at300", name), resolution=300.0, quality=85)
    im = im.resize((im.width * 2, im.height * 2), Image.LANCZOS)
    im.save(os.path.join(target, "at600", name), resolution=600.0, quality=85)
    im = Image.open(base + ".png").convert("L")
    im = im.rotate(2.5 if k % 2 == 0 else -2.5, resample=Image.BICUBIC, fillcolor=255)
    im.save(os.path.join(target, "aslant", name), resolution=300.0, quality=85)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-gray", "-png", "-f", "1", "-l", "1", "-singlefile", path,
         base],
        check=True,
    )
    im = Image.open(base + ".png").convert("L")
    im.save(os.path.join(target, "at150", name), resolution=150.0, quality=75)
    subprocess.run(
        ["pdftoppm", "-r", "300", "-gray", "-png", "-f", "1", "-l", "1", "-singlefile", path,
         base],
        check=True,
    )
    im = Image.open(base + ".png").convert("L").point(lambda v: 255 if v > 140 else 0)
    im.convert("1", dither=Image.Dither.NONE).save(os.path.join(target, "bw", name),
                                                   resolution=300.0)


def main():
    photos = "--photos" in sys.argv
    whole = "--whole" in sys.argv
    again = "--rescanned" in sys.argv
    flags = ("--photos", "--whole", "--rescanned")
    source, target = [a for a in sys.argv[1:] if a not in flags]
    random.seed(7)
    np.random.seed(7)
    with tempfile.TemporaryDirectory() as tmp:
        if again:
            for k, path in enumerate(sorted(glob.glob(os.path.join(source, "*.pdf")))):
                rescanned(path, tmp, target, k)
            return
        if photos:
            for path in sorted(glob.glob(os.path.join(source, "*.pdf"))):
                name = os.path.splitext(os.path.basename(path))[0] + ".jpg"
                photo(path, tmp).save(os.path.join(target, name), quality=75)
            return
        for path in sorted(glob.glob(os.path.join(source, "*.pdf"))):
            name = os.path.basename(path)
            images = [degraded(path, p, tmp) for p in pages_of(path, whole)]
            images[0].save(
                os.path.join(target, name), save_all=True, append_images=images[1:],
                resolution=200.0, quality=80,
            )


if __name__ == "__main__":
    main()
