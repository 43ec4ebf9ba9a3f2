#!/usr/bin/env python3
"""Fails when a PNG screenshot is blank (one colour) or not a PNG.

Usage: check_png.py FILE.png

Decodes 8-bit RGB/RGBA non-interlaced PNGs (what Chromium writes) with the
standard library when PIL is absent, and prints the size and the number of distinct
colours of a sample of pixels.
"""
import struct
import sys
import zlib


def rows(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit("not a PNG: " + path)
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = ihdr
    if depth != 8 or ctype not in (2, 6) or interlace:
        raise SystemExit("unsupported PNG format %s" % (ihdr,))
    bpp = 3 if ctype == 2 else 4
    raw, stride = zlib.decompress(idat), w * bpp
    prev, out, i = bytearray(stride), [], 0
    for _ in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else
                                      b if pb <= pc else c)) & 255
        out.append(bytes(line))
        prev = line
    return w, h, bpp, out


def sample(path):
    """Colours of every third pixel of every third row (PIL when present)."""
    try:
        from PIL import Image
        img = Image.open(path).convert("RGB")
        w, h = img.size
        px = img.load()
        return w, h, {px[x, y] for y in range(0, h, 3) for x in range(0, w, 3)}
    except ImportError:
        w, h, bpp, lines = rows(path)
        return w, h, {lines[y][x * bpp:x * bpp + 3]
                      for y in range(0, h, 3) for x in range(0, w, 3)}


def main():
    w, h, colours = sample(sys.argv[1])
    print("png %dx%d colours %s" % (w, h, "many" if len(colours) > 16 else len(colours)))
    return 0 if len(colours) > 16 else 1


if __name__ == "__main__":
    sys.exit(main())
