"""The document library: collections, folder documents, re-embedding (#19, #20)."""
