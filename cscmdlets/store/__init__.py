"""Where a tenant lives: the Store protocol, in memory (``memory``) or in SQLite (``sqlite``)."""
