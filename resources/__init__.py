"""Marks the repository's resources/ folder as the package data ``civilian_responder.resources``
(read through importlib.resources in the checkout, a wheel and a bundle alike). No code here."""
