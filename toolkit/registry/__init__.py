"""The embedded registry: an SQLite file of known resolutions, their paragraphs and citations."""
