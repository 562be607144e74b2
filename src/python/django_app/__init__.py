"""The endpoint contract in Django: one settings module, no database, no middleware, DEBUG off."""
