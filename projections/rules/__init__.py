"""The rules that turn visible rows into answers, and the typed records they answer with."""
