"""Answers kept per state of the store: a GET is computed once per URL until the store changes.

The API's records are read once per state of the store (`CorpusCache`); what a URL returns is a
pure function of that state, so its bytes can be kept and served again without running the
endpoint, keyed on (state, path, query). Every kept answer carries an ETag, and a client that
sends it back in If-None-Match gets 304 without a body. A new state of the store (another
`presslens analyze`, a write through the API) drops every kept answer.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from .corpus import CorpusCache

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_ENTRIES = 2048
MAX_BYTES = 128 * 1024 * 1024  # all kept bodies together
MAX_BODY = 4 * 1024 * 1024  # a bigger answer is computed each time


class ResponseCache:
    """ASGI middleware: GET answers with status 200 kept per (store state, path, query)."""

    def __init__(self, app: ASGIApp, corpus: CorpusCache, uncached: tuple[str, ...] = ()) -> None:
        self.app = app
        self.corpus = corpus
        self.uncached = uncached
        self.entries: OrderedDict[tuple, tuple[list, bytes, bytes]] = OrderedDict()
        self.size = 0
        self.version: int | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        version = self.corpus.served_version() if scope["type"] == "http" else None
        if (
            version is None
            or scope["method"] not in ("GET", "HEAD")
            or scope["path"].startswith(self.uncached)
        ):
            await self.app(scope, receive, send)
            return
        if version != self.version:
            self.entries.clear()
            self.size, self.version = 0, version
        key = (version, scope["method"], scope["path"], scope.get("query_string", b""))
        kept = self.entries.get(key)
        if kept is None:
            kept = await self._compute(key, scope, receive, send)
            if kept is None:
                return
        else:
            self.entries.move_to_end(key)
        headers, etag, body = kept
        if etag in _header(scope, b"if-none-match").split(b", "):
            await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", etag)]})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _compute(self, key: tuple, scope: Scope, receive: Receive, send: Send):
        """Run the app; keep a complete 200 answer (returned), pass anything else through."""
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, capture)
        body = b"".join(chunks)
        if start.get("status") != 200 or len(body) > MAX_BODY:
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return None
        etag = b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"etag"]
        headers.append((b"etag", etag))
        kept = (headers, etag, body)
        self.entries[key] = kept
        self.size += len(body)
        while len(self.entries) > MAX_ENTRIES or self.size > MAX_BYTES:
            _, (_, _, dropped) = self.entries.popitem(last=False)
            self.size -= len(dropped)
        return kept


def _header(scope: Scope, name: bytes) -> bytes:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value
    return b""
