"""The FastAPI app: errors as one JSON envelope, pages with `next` links, guarded writes.

`create_app(db)` is the whole public surface; `presslens serve` runs it under uvicorn and tests
call it in-process with FastAPI's TestClient. The read endpoints live in `routes.py`.
"""

from __future__ import annotations

import hmac
import threading
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..pipeline import pin_entities, rename_outlet
from ..sources import checked_outlets
from ..store import Store, StoreError
from ..views import find_entity
from . import schemas
from .cache import ResponseCache
from .corpus import CorpusCache
from .routes import ERRORS, corpus, router


def create_app(db: str | Path, allow_writes: bool = False, token: str | None = None) -> FastAPI:
    """A FastAPI app over the store at `db`: read-only unless `allow_writes`, and then every
    write must carry `Authorization: Bearer <token>`."""
    if allow_writes and not token:
        raise ValueError("allow_writes needs a token: writes are only accepted with it")
    db = str(db)
    if "://" not in db and not Path(db).is_file():
        raise StoreError(f"{db}: no such store (create it with presslens analyze)")
    app = FastAPI(
        title="presslens",
        version=_version(),
        description="Who said what, when, across outlets — with sources. See docs/api.md.",
        responses={404: ERRORS[404], 422: ERRORS[422]},
    )
    store = Store(db)
    app.state.db = db
    app.state.cache = CorpusCache(store)
    app.state.allow_writes = allow_writes
    app.state.token = token
    app.state.write_lock = threading.Lock()
    _add_error_handlers(app)
    # writes first: OPTIONS /api/entities/merge must answer 405 with `Allow: POST`, the method
    # of the route named so, not `GET` of /api/entities/{entity_id}, which also matches it
    app.include_router(writes)
    app.include_router(router)
    from ..web import SECURITY_HEADERS, pages

    app.include_router(pages)
    app.add_middleware(ResponseCache, corpus=app.state.cache, uncached=("/docs", "/redoc"))
    app.add_middleware(SecurityHeaders, headers=SECURITY_HEADERS, skip=("/docs", "/redoc"))
    return app


class SecurityHeaders:
    """ASGI middleware: the web app's Content-Security-Policy and friends on every answer
    (but FastAPI's own /docs, which loads its script from elsewhere)."""

    def __init__(self, app, headers: dict[str, str], skip: tuple[str, ...]) -> None:
        self.app = app
        self.headers = [(k.encode(), v.encode()) for k, v in headers.items()]
        self.skip = skip

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(self.skip):
            await self.app(scope, receive, send)
            return

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.headers]
            await send(message)

        await self.app(scope, receive, with_headers)


def _version() -> str:
    try:
        return version("presslens")
    except PackageNotFoundError:  # run from a source tree
        return "0"


# ---- errors -------------------------------------------------------------------------------


def error_response(
    status: int, message: str, detail=None, headers=None, request: Request | None = None
) -> Response:
    """The error as JSON under /api (and for the API's clients), as a page elsewhere."""
    if request is not None and not request.url.path.startswith(("/api", "/openapi")):
        from ..web.pages import error_page

        return error_page(request, status, message)
    body: dict = {"status": status, "message": message}
    if detail is not None:
        body["detail"] = detail
    return JSONResponse({"error": body}, status_code=status, headers=headers)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail)
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = f"no endpoint {request.url.path} (the list is at /api)"
        headers = getattr(exc, "headers", None)
        return error_response(exc.status_code, message, headers=headers, request=request)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = jsonable_encoder(exc.errors())
        message = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'] if p != 'body') or 'body'}: {e['msg']}"
            for e in errors
        )
        return error_response(422, message, detail=errors, request=request)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        return error_response(500, f"internal error ({type(exc).__name__})", request=request)


# ---- writes -------------------------------------------------------------------------------


def require_writer(request: Request) -> None:
    """403 when the server is read-only; 401 unless the bearer token matches (constant time)."""
    state = request.app.state
    if not state.allow_writes:
        raise HTTPException(403, "writes are disabled: start the server with --allow-writes")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    expected = state.token.encode("utf-8")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected):
        raise HTTPException(
            401,
            "a valid bearer token is required (Authorization: Bearer <token>)",
            headers={"WWW-Authenticate": "Bearer"},
        )


writes = APIRouter(
    prefix="/api", tags=["writes"], dependencies=[Depends(require_writer)], responses=ERRORS
)


def _entity_name(request: Request, key: str) -> str:
    """The name pins use for an entity given by id, name or alias; 404 when none matches."""
    current = corpus(request)
    if key in current.entities:
        return current.entities[key]["name"]
    entity = find_entity(current.store, key)
    if entity is None:
        raise HTTPException(404, f"no entity with id or name {key!r}")
    return key


def _write(request: Request, action) -> None:
    """One write at a time; its result is read back before the response, so it is visible."""
    with request.app.state.write_lock:
        try:
            action(request.app.state.db)
        finally:
            request.app.state.cache.refresh()


def _entity_now(request: Request, name: str) -> dict | None:
    entity = find_entity(corpus(request).store, name)
    return corpus(request).entities.get(entity.id) if entity else None


@writes.post("/entities/merge", response_model=schemas.WriteResult)
def merge_entities(request: Request, body: schemas.MergeRequest) -> dict:
    """Pin: A and B are one actor (kept across re-runs, like `presslens entities merge`)."""
    a, b = _entity_name(request, body.a), _entity_name(request, body.b)
    _write(request, lambda db: pin_entities(db, merge=(a, b)))
    return {"done": f"merged {a} = {b}", "entity": _entity_now(request, a)}


@writes.post("/entities/split", response_model=schemas.WriteResult)
def split_entity(request: Request, body: schemas.SplitRequest) -> dict:
    """Pin: ALIAS is not the actor ENTITY (like `presslens entities split`)."""
    name = _entity_name(request, body.entity)
    _write(request, lambda db: pin_entities(db, split=(name, body.alias)))
    return {"done": f"split {body.alias} from {name}", "entity": _entity_now(request, name)}


@writes.post("/outlets/rename", response_model=schemas.WriteResult)
def rename_outlet_route(request: Request, body: schemas.RenameOutletRequest) -> dict:
    """Outlet OLD is called NEW: in the outlets file, stored documents and later runs."""
    db = request.app.state.db
    stored = {o["name"] for o in corpus(request).outlets}
    if body.old not in stored and not any(
        r.outlet == body.old for r in checked_outlets(db).values()
    ):
        raise HTTPException(404, f"no outlet named {body.old!r}")
    changed: list[int] = []
    _write(request, lambda db: changed.append(rename_outlet(db, body.old, body.new)))
    return {"done": f"renamed {body.old} to {body.new}", "documents_changed": changed[0]}
