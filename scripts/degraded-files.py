"""The pages of each PDF in a folder as a scan would give them, written as image-only PDFs
(scripts/degraded-files). Seeded: the same pages every run."""

import glob
import os
import random
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image, ImageFilter


def pages_of(path):
    """The pages to print: all of four or fewer, else the first three and the one with
    "Nơi nhận" (the signature's)."""
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    n = int(next(l for l in info.splitlines() if l.startswith("Pages")).split()[1])
    if n <= 4:
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


def main():
    source, target = sys.argv[1], sys.argv[2]
    random.seed(7)
    np.random.seed(7)
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(glob.glob(os.path.join(source, "*.pdf"))):
            name = os.path.basename(path)
            images = [degraded(path, p, tmp) for p in pages_of(path)]
            images[0].save(
                os.path.join(target, name), save_all=True, append_images=images[1:],
                resolution=200.0, quality=80,
            )


if __name__ == "__main__":
    main()
