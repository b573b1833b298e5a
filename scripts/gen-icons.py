#!/usr/bin/env python3
"""Draws the app's icon (a letter on the app's red, with a red seal) at every size the
platforms ask for, with the standard library only, and writes src-tauri/icons/: icon.png
(256 px), 32x32.png, 128x128.png, and icon.ico (16 to 256 px, PNG-compressed entries, as
Windows Vista and later read them); and the picture on the left of the Windows
installer's welcome and finish pages, packaging/windows/welcome.bmp (164 × 314, 24-bit, as
NSIS asks). Run from the project's root: python3 scripts/gen-icons.py
"""
import struct
import zlib
from pathlib import Path

RED = (0x8B, 0x1E, 0x1E)
PAPER = (0xFB, 0xF8, 0xF1)
INK = (0x3A, 0x3F, 0x47)


def pixel(x, y):
    """The colour and opacity at (x, y), both from 0 to 1, of the icon."""
    # A rounded square of the app's red.
    r = 0.18
    cx, cy = min(max(x, r), 1 - r), min(max(y, r), 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return (0, 0, 0, 0)
    # The sheet of paper.
    if 0.24 <= x <= 0.76 and 0.14 <= y <= 0.86:
        # The header's two names, the text's lines, the signature.
        lines = [(0.22, 0.30, 0.42), (0.26, 0.28, 0.44)] + [(0.40 + 0.07 * i, 0.30, 0.70) for i in range(4)]
        for top, left, right in lines:
            if top <= y <= top + 0.025 and left <= x <= right:
                return INK + (255,)
        # The seal, over the signature.
        if (x - 0.62) ** 2 + (y - 0.74) ** 2 <= 0.075 ** 2:
            ring = (x - 0.62) ** 2 + (y - 0.74) ** 2 >= 0.05 ** 2
            return (RED if ring else PAPER) + (255,)
        return PAPER + (255,)
    return RED + (255,)


def png(size):
    """The icon as a PNG of `size` × `size`, each pixel the mean of 4 × 4 samples."""
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(4):
                for sx in range(4):
                    c = pixel((px + (sx + 0.5) / 4) / size, (py + (sy + 0.5) / 4) / size)
                    for i in range(4):
                        acc[i] += c[i]
            row += bytes(round(a / 16) for a in acc)
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")


def ico(sizes):
    """An .ico holding a PNG of each size."""
    images = [png(s) for s in sizes]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for size, data in zip(sizes, images):
        side = 0 if size >= 256 else size
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(images)


def welcome_bmp(width=164, height=314, side=120, top=48):
    """The installer's side picture: the app's red, the icon's sheet in its upper part."""
    left = (width - side) // 2
    rows = []
    for py in range(height - 1, -1, -1):  # a BMP stores its bottom row first
        row = bytearray()
        for px in range(width):
            acc = [0, 0, 0]
            for sy in range(2):
                for sx in range(2):
                    x = (px - left + (sx + 0.5) / 2) / side
                    y = (py - top + (sy + 0.5) / 2) / side
                    c = pixel(x, y) if 0 <= x <= 1 and 0 <= y <= 1 else RED + (255,)
                    a = c[3] / 255
                    for i in range(3):
                        acc[i] += c[i] * a + RED[i] * (1 - a)
            row += bytes(round(acc[i] / 4) for i in (2, 1, 0))  # stored blue, green, red
        row += bytes(-len(row) % 4)
        rows.append(bytes(row))
    pixels = b"".join(rows)
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    return b"BM" + struct.pack("<IHHI", 14 + len(info) + len(pixels), 0, 0, 14 + len(info)) + info + pixels


def main():
    icons = Path("src-tauri/icons")
    icons.mkdir(parents=True, exist_ok=True)
    (icons / "icon.png").write_bytes(png(256))
    (icons / "32x32.png").write_bytes(png(32))
    (icons / "128x128.png").write_bytes(png(128))
    (icons / "icon.ico").write_bytes(ico([16, 24, 32, 48, 64, 128, 256]))
    Path("packaging/windows/welcome.bmp").write_bytes(welcome_bmp())


if __name__ == "__main__":
    main()
