"""Make a ZIM file written by libzim the same bytes every time for the same content, and
readable by the libzim 8 that Debian's and Ubuntu's Kiwix tools and zimcheck are built on.

libzim writes three random values: the archive's UUID in the header, and a UUID in each
Xapian database it embeds (the full-text and the title index; Xapian's "glass" format
keeps one in its version block for replication, which a ZIM file never uses). Everything
else is a function of the entries, given in a fixed order with one worker thread. This
module replaces the three with UUIDs derived from a digest of the content and recomputes
the MD5 checksum that ends the file, which covers every byte before it, exactly as libzim
computes it. Readers (libzim 8 and 9, Kiwix, zimcheck's checksum test) accept the result.

libzim 9.3 and later also stopped writing the old title index (a table of every entry in
title order that the header points to), marking it absent with `0xFFFFFFFFFFFFFFFF`; libzim
before 9.3 reads that as a table outside the file, so zimcheck's integrity test fails on
Debian 12 (zim-tools 3.1, libzim 8.1) and Ubuntu 24.04 (openzim/libzim#969). The table
is added back here, before the checksum, from the file's own directory entries: sorted as
libzim sorts it (namespace, `/`, title or else path, byte by byte).
"""

from __future__ import annotations

import hashlib
import struct
import uuid
from pathlib import Path
from typing import BinaryIO

ZIM_MAGIC = 72173914
"""The first four bytes of every ZIM file, little-endian."""
HEADER_SIZE = 80
UUID_AT = 8
ENTRY_COUNT_AT = 24
PATH_PTR_POS_AT = 32
TITLE_PTR_POS_AT = 40
CHECKSUM_POS_AT = 72
NO_TITLE_INDEX = 0xFFFFFFFFFFFFFFFF
REDIRECT = 0xFFFF
"""The MIME type number of a redirect entry, whose directory entry is 4 bytes shorter."""
XAPIAN_MAGIC = b"\x0f\x0dXapian Glass"
"""The start of a Xapian glass database's version block; its UUID follows 2 bytes later."""
XAPIAN_UUID_AFTER = len(XAPIAN_MAGIC) + 2
CHUNK = 16 * 1024 * 1024
NAMESPACE = uuid.UUID("6f0b8a52-5d0e-4c3a-9a57-2e3c1c0a7a31")
"""Fixed namespace of the derived UUIDs (any constant would do; this one never changes)."""


class NotAZimFile(ValueError):
    """The file does not start with a ZIM header."""


def derived_uuid(digest: str, role: str) -> bytes:
    """A UUID (version 5) for `role` (`archive`, `xapian-1`, ...) of content with `digest`."""
    return uuid.uuid5(NAMESPACE, f"{role}:{digest}").bytes


def _occurrences(path: Path, needle: bytes, end: int) -> list[int]:
    """Offsets of `needle` in the first `end` bytes of the file, read in chunks."""
    found: list[int] = []
    with path.open("rb") as handle:
        offset, tail = 0, b""
        while offset < end:
            block = handle.read(min(CHUNK, end - offset))
            if not block:
                break
            data = tail + block
            base = offset - len(tail)
            at = data.find(needle)
            while at != -1:
                if base + at not in found:
                    found.append(base + at)
                at = data.find(needle, at + 1)
            tail = data[-(len(needle) - 1) :]
            offset += len(block)
    return found


def _title_keys(handle: BinaryIO, count: int, path_ptr_pos: int) -> list[bytes]:
    """`namespace/title` of each entry, in path order (the title is the path when empty)."""
    handle.seek(path_ptr_pos)
    pointers = struct.unpack(f"<{count}Q", handle.read(8 * count))
    keys = []
    for pointer in pointers:
        handle.seek(pointer)
        data = handle.read(512)
        (mimetype,) = struct.unpack("<H", data[:2])
        namespace = data[3:4]
        at = 12 if mimetype == REDIRECT else 16
        while data.count(b"\0", at) < 2:
            more = handle.read(4096)
            if not more:
                raise NotAZimFile("a directory entry runs past the end of the file")
            data += more
        path, title = data[at:].split(b"\0", 2)[:2]
        keys.append(namespace + b"/" + (title or path))
    return keys


def add_title_index(handle: BinaryIO) -> None:
    """Write the old title index at the checksum's place when the file has none, and move
    the checksum after it (the caller then rewrites the checksum)."""
    handle.seek(0)
    header = handle.read(HEADER_SIZE)
    (title_ptr_pos,) = struct.unpack("<Q", header[TITLE_PTR_POS_AT : TITLE_PTR_POS_AT + 8])
    if title_ptr_pos != NO_TITLE_INDEX:
        return
    (count,) = struct.unpack("<I", header[ENTRY_COUNT_AT : ENTRY_COUNT_AT + 4])
    (path_ptr_pos,) = struct.unpack("<Q", header[PATH_PTR_POS_AT : PATH_PTR_POS_AT + 8])
    (checksum_pos,) = struct.unpack("<Q", header[CHECKSUM_POS_AT : CHECKSUM_POS_AT + 8])
    keys = _title_keys(handle, count, path_ptr_pos)
    order = sorted(range(count), key=lambda index: (keys[index], index))
    handle.seek(checksum_pos)
    handle.write(struct.pack(f"<{count}I", *order))
    handle.seek(TITLE_PTR_POS_AT)
    handle.write(struct.pack("<Q", checksum_pos))
    handle.seek(CHECKSUM_POS_AT)
    handle.write(struct.pack("<Q", checksum_pos + 4 * count))


def make_reproducible(path: Path, digest: str, indexes: int) -> bool:
    """Replace libzim's random UUIDs in the file with ones derived from `digest` and rewrite
    its checksum. `indexes` is how many Xapian databases libzim wrote (full text, titles);
    when the file holds another number of Xapian version blocks (content that quotes the
    magic bytes), those UUIDs are left alone and False is returned: the file stays valid,
    only not byte-identical across runs."""
    with path.open("rb") as handle:
        header = handle.read(HEADER_SIZE)
    if len(header) < HEADER_SIZE or struct.unpack("<I", header[:4])[0] != ZIM_MAGIC:
        raise NotAZimFile(f"{path.name}: not a ZIM file")
    (checksum_pos,) = struct.unpack("<Q", header[CHECKSUM_POS_AT : CHECKSUM_POS_AT + 8])
    blocks = _occurrences(path, XAPIAN_MAGIC, checksum_pos)
    patched = len(blocks) == indexes
    with path.open("r+b") as handle:
        add_title_index(handle)
        handle.seek(CHECKSUM_POS_AT)
        (checksum_pos,) = struct.unpack("<Q", handle.read(8))
        handle.seek(UUID_AT)
        handle.write(derived_uuid(digest, "archive"))
        if patched:
            for number, at in enumerate(blocks, start=1):
                handle.seek(at + XAPIAN_UUID_AFTER)
                handle.write(derived_uuid(digest, f"xapian-{number}"))
        handle.flush()
        handle.seek(0)
        md5 = hashlib.md5(usedforsecurity=False)
        left = checksum_pos
        while left:
            block = handle.read(min(CHUNK, left))
            if not block:
                break
            md5.update(block)
            left -= len(block)
        handle.seek(checksum_pos)
        handle.write(md5.digest())
        handle.truncate()
    return patched
