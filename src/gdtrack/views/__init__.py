"""Views: the catalogue, status, bulletins, documents and tables, each turned into text for its output."""
