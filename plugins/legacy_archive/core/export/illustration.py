"""The 48x48 PNG a Kiwix library shows for a book, made from the site's own icon.

Kiwix requires `Illustration_48x48@1`. The site's favicon (Material's default is a 48x48
PNG) is used as it is when it already has that size; another PNG is decoded and
area-averaged to 48x48 here, with the standard library only, so the result is the same on
every machine and needs no image library, browser or network. An icon this cannot read
(an SVG, an interlaced or 1-bit PNG) gives a plain tile in the theme's colour instead.
"""

from __future__ import annotations

import struct
import zlib

SIZE = 48
SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_SIDE = 4096
"""Larger icons are not decoded (a favicon is never this big; it bounds memory)."""
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
"""Samples per pixel by PNG colour type: grey, RGB, palette, grey+alpha, RGBA."""


class UnreadablePng(ValueError):
    """The file is not a PNG this module decodes."""


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    if not data.startswith(SIGNATURE):
        raise UnreadablePng("not a PNG")
    found, at = [], len(SIGNATURE)
    while at + 8 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        found.append((kind, data[at + 8 : at + 8 + length]))
        at += 12 + length
        if kind == b"IEND":
            break
    return found


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG's header."""
    for kind, body in _chunks(data):
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
            return int(width), int(height)
    raise UnreadablePng("no IHDR chunk")


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def _unfilter(raw: bytes, width: int, height: int, stride: int) -> list[bytearray]:
    rows: list[bytearray] = []
    previous = bytearray(width * stride)
    line = width * stride
    for y in range(height):
        start = y * (line + 1)
        kind, row = raw[start], bytearray(raw[start + 1 : start + 1 + line])
        for i in range(line):
            left = row[i - stride] if i >= stride else 0
            up = previous[i]
            corner = previous[i - stride] if i >= stride else 0
            if kind == 1:
                row[i] = (row[i] + left) & 0xFF
            elif kind == 2:
                row[i] = (row[i] + up) & 0xFF
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                row[i] = (row[i] + _paeth(left, up, corner)) & 0xFF
            elif kind != 0:
                raise UnreadablePng(f"unknown filter {kind}")
        rows.append(row)
        previous = row
    return rows


def decode_rgba(data: bytes) -> tuple[int, int, list[tuple[int, int, int, int]]]:
    """Width, height and RGBA pixels of a non-interlaced 8- or 16-bit PNG."""
    chunks = _chunks(data)
    header = next((body for kind, body in chunks if kind == b"IHDR"), b"")
    if len(header) < 13:
        raise UnreadablePng("no IHDR chunk")
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header[:13])
    if colour not in CHANNELS or depth not in (8, 16) or (colour == 3 and depth != 8):
        raise UnreadablePng(f"colour type {colour} at {depth} bits is not decoded here")
    if interlace or not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        raise UnreadablePng("interlaced or too large")
    palette = next((body for kind, body in chunks if kind == b"PLTE"), b"")
    alpha = next((body for kind, body in chunks if kind == b"tRNS"), b"")
    try:
        raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    except zlib.error as error:
        raise UnreadablePng(str(error)) from error
    step = depth // 8
    stride = CHANNELS[colour] * step
    if len(raw) < height * (width * stride + 1):
        raise UnreadablePng("image data too short")
    pixels: list[tuple[int, int, int, int]] = []
    for row in _unfilter(raw, width, height, stride):
        samples = row[::step]  # 16-bit samples keep their high byte
        for x in range(width):
            s = samples[x * CHANNELS[colour] : (x + 1) * CHANNELS[colour]]
            if colour == 0:
                pixels.append((s[0], s[0], s[0], 255))
            elif colour == 2:
                pixels.append((s[0], s[1], s[2], 255))
            elif colour == 3:
                i = s[0]
                rgb = palette[i * 3 : i * 3 + 3] or b"\x00\x00\x00"
                pixels.append((rgb[0], rgb[1], rgb[2], alpha[i] if i < len(alpha) else 255))
            elif colour == 4:
                pixels.append((s[0], s[0], s[0], s[1]))
            else:
                pixels.append((s[0], s[1], s[2], s[3]))
    return width, height, pixels


def resized(
    width: int, height: int, pixels: list[tuple[int, int, int, int]], size: int = SIZE
) -> list[tuple[int, int, int, int]]:
    """Area-average `pixels` to `size` x `size` (alpha-weighted, so edges do not darken)."""
    out = []
    for ty in range(size):
        y0, y1 = ty * height // size, max(ty * height // size + 1, (ty + 1) * height // size)
        for tx in range(size):
            x0, x1 = tx * width // size, max(tx * width // size + 1, (tx + 1) * width // size)
            r = g = b = a = n = 0
            for y in range(y0, y1):
                for x in range(x0, x1):
                    pr, pg, pb, pa = pixels[y * width + x]
                    r, g, b, a, n = r + pr * pa, g + pg * pa, b + pb * pa, a + pa, n + 1
            out.append((r // a, g // a, b // a, a // n) if a else (0, 0, 0, 0))
    return out


def encode_rgba(size: int, pixels: list[tuple[int, int, int, int]]) -> bytes:
    """A PNG of `pixels` (RGBA, row by row), the same bytes for the same pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    raw = b"".join(
        b"\x00" + bytes(v for p in pixels[y * size : (y + 1) * size] for v in p)
        for y in range(size)
    )
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        SIGNATURE
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def tile(colour: tuple[int, int, int] = (63, 81, 181)) -> bytes:
    """A plain 48x48 tile (Material's indigo by default), for sites without a usable icon."""
    return encode_rgba(SIZE, [(*colour, 255)] * (SIZE * SIZE))


def illustration(icon: bytes | None) -> bytes:
    """The 48x48 PNG for the book: the icon itself, the icon resized, or a plain tile."""
    if icon is None:
        return tile()
    try:
        if png_size(icon) == (SIZE, SIZE):
            return icon
        width, height, pixels = decode_rgba(icon)
    except (UnreadablePng, struct.error, IndexError):
        return tile()
    return encode_rgba(SIZE, resized(width, height, pixels))
