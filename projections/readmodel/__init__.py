"""The read model kept beside the log: its tables, the projector that writes them, the view
that reads them, and verify's check that they hold what the log says."""
