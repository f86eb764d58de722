"""Where the log lives: a store's location, the database under it (SQLite or PostgreSQL),
its transactions, and what the database says when it fails."""
