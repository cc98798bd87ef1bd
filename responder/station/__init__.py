"""The station server: HTTP sync API, device enrollment, dispatch intake, supervisor review.

Importing this package imports nothing heavy; FastAPI, SQLAlchemy and uvicorn are loaded by the
submodules that need them (``app``, ``storage``, ``server``), so ``import responder`` stays light.
"""
