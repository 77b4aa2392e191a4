"""Turn UK police decision notices (PCC and MOPAC PDFs) into a dataset with provenance."""

__version__ = "0.1.0"
