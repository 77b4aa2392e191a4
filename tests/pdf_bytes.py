"""A PDF written by hand from its objects, for tests and fixtures that need a PDF no library would write."""

from __future__ import annotations


def pdf_from_objects(objects: list[bytes], version: bytes = b"1.7") -> bytes:
    """A PDF whose objects are numbered from 1 in this order (the first the catalogue), with its cross-reference
    table and trailer."""
    out = bytearray(b"%PDF-" + version + b"\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
