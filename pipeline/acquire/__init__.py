"""Acquiring documents: polite HTTP (``http``), storage and manifest (``store``), publisher settings
(``publishers``), one module per site family (``sites``) and the ``fetch`` command (``fetch``)."""
