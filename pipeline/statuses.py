"""Every status a document can have in the ``documents`` table, in the order the summary lists them.

Kept apart from the reader so the run summary and the schema need no PDF library.
"""

STATUSES = (
    "ok",
    "ocr",
    "needs_ocr",
    "encrypted",
    "corrupt",
    "not_pdf",
    "empty",
    "too_large",
    "timeout",
    "garbled",
    "error",
)
