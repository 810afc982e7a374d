"""A fake model API on 127.0.0.1 that answers Claude Code and records which model each request named.

It speaks just enough of each provider's wire format for a session to get going: the Anthropic
Messages API (JSON, or SSE when ``"stream": true``), Bedrock's ``/model/ID/invoke`` (JSON, or
AWS event-stream frames for ``invoke-with-response-stream``) and Vertex's
``.../models/ID:rawPredict`` / ``:streamRawPredict``. Any other POST gets an empty JSON object,
any GET a 404: Claude Code takes that as "nothing configured" at once, where an empty object
made it retry its remote-settings and policy fetches for seconds.

Given an :class:`~tests.e2e.tls.Authority`, it is also an HTTPS proxy: ``CONNECT`` to that
host is answered with the same API over TLS (the first-party path, through HTTPS_PROXY);
``CONNECT`` anywhere else is refused, so nothing leaves the machine.

Two behaviours make Claude Code show more of its machinery: ``agent`` answers the first main
request with a call of its subagent tool (``Agent``), so a subagent's request follows;
``fail`` answers main requests for a model with an HTTP error (529: overloaded), so Claude
Code turns to its fallback model.
"""

from __future__ import annotations

import base64
import json
import re
import ssl
import struct
import threading
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

from tests.e2e.tls import Authority

REPLY = "OK"
# The task the fake API gives a subagent: its request is the one whose first message holds it.
AGENT_TASK = "ccprofile-e2e subagent task: reply OK"
_AGENT_TOOLS = ("Agent", "Task")  # the subagent tool's name, newest first
_ERRORS = {529: "overloaded_error", 404: "not_found_error", 500: "api_error"}
_BEDROCK = re.compile(r"/model/(?P<model>[^/]+)/(?P<op>invoke|invoke-with-response-stream)$")
_VERTEX = re.compile(r"/models/(?P<model>[^/:]+):(?P<op>rawPredict|streamRawPredict)$")


@dataclass(frozen=True)
class Request:
    """One model request as Claude Code sent it."""

    path: str
    model: str
    has_tools: bool
    system: str
    first_message: str = ""  # the text of the conversation's first user message
    failed: bool = False  # answered with an error (``fail``)

    @property
    def is_subagent(self) -> bool:
        return AGENT_TASK in self.first_message and self.has_tools

    @property
    def is_primary(self) -> bool:
        # The main conversation request is the one that offers Claude Code's tools.
        return self.has_tools and not self.is_subagent

    @property
    def is_title(self) -> bool:
        # The session-title request: no tools, and a system prompt about naming the session.
        return not self.has_tools and "title" in self.system.lower()


def _tool_use(tool: str, subagent_type: str) -> dict[str, Any]:
    return {
        "type": "tool_use",
        "id": "toolu_ccprofile_e2e",
        "name": tool,
        "input": {"description": "Reply OK", "prompt": AGENT_TASK, "subagent_type": subagent_type},
    }


def _events(model: str, call: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
    yield {
        "type": "message_start",
        "message": {
            "id": "msg_fake",
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {"input_tokens": 1, "output_tokens": 1},
        },
    }
    if call is None:
        yield {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}
        yield {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": REPLY}}
    else:
        yield {"type": "content_block_start", "index": 0, "content_block": {**call, "input": {}}}
        partial = json.dumps(call["input"])
        yield {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "input_json_delta", "partial_json": partial},
        }
    yield {"type": "content_block_stop", "index": 0}
    yield {
        "type": "message_delta",
        "delta": {"stop_reason": "tool_use" if call else "end_turn", "stop_sequence": None},
        "usage": {"output_tokens": 1},
    }
    yield {"type": "message_stop"}


def _message(model: str, call: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "id": "msg_fake",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": [call or {"type": "text", "text": REPLY}],
        "stop_reason": "tool_use" if call else "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 1, "output_tokens": 1},
    }


def _system_text(body: dict[str, Any]) -> str:
    system = body.get("system")
    if isinstance(system, list):
        return "\n".join(str(part.get("text", "")) for part in system if isinstance(part, dict))
    return str(system or "")


def _first_message(body: dict[str, Any]) -> str:
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages or not isinstance(messages[0], dict):
        return ""
    content = messages[0].get("content")
    if isinstance(content, list):
        return "\n".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return str(content or "")


def _tool_names(body: dict[str, Any]) -> set[str]:
    tools = body.get("tools")
    return {str(t.get("name")) for t in tools if isinstance(t, dict)} if isinstance(tools, list) else set()


def _event_stream_frame(payload: bytes) -> bytes:
    """One frame of AWS's binary event-stream encoding, as Bedrock streams responses."""
    headers = b""
    for name, value in (
        (":event-type", "chunk"),
        (":content-type", "application/json"),
        (":message-type", "event"),
    ):
        raw_name, raw_value = name.encode(), value.encode()
        headers += bytes([len(raw_name)]) + raw_name + b"\x07" + struct.pack(">H", len(raw_value)) + raw_value
    total = 12 + len(headers) + len(payload) + 4
    prelude = struct.pack(">II", total, len(headers))
    prelude += struct.pack(">I", zlib.crc32(prelude))
    message = prelude + headers + payload
    return message + struct.pack(">I", zlib.crc32(message))


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # Claude Code is killed at the end of each run, mid-connection: resets are expected.
        pass


class FakeApi:
    """Serve on an ephemeral loopback port until ``close``; ``requests`` lists what arrived."""

    def __init__(
        self, tls: Authority | None = None, *, agent: str | None = None, fail: Mapping[str, int] | None = None
    ) -> None:
        self.requests: list[Request] = []
        self._agent = agent  # the subagent_type of the one subagent call to make, if any
        self._fail = dict(fail or {})  # model -> HTTP status for its main requests
        self.agent_called = False
        self._tls: ssl.SSLContext | None = None
        self._tls_host = tls.host if tls else None
        if tls is not None:
            self._tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self._tls.load_cert_chain(tls.cert, tls.key)
        self.other_paths: list[str] = []
        self._changed = threading.Condition()
        self._server = _QuietServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeApi:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def wait_for(self, predicate: Callable[[list[Request]], bool], timeout: float) -> bool:
        """Block until ``predicate(requests)`` holds or ``timeout`` seconds pass."""
        with self._changed:
            return self._changed.wait_for(lambda: predicate(list(self.requests)), timeout)

    def _record(self, request: Request) -> None:
        with self._changed:
            self.requests.append(request)
            self._changed.notify_all()

    def _call_for(self, request: Request, body: dict[str, Any]) -> dict[str, Any] | None:
        """The subagent call that answers the first main request, when ``agent`` asks for one."""
        if self._agent is None or not request.is_primary:
            return None
        tool = next((name for name in _AGENT_TOOLS if name in _tool_names(body)), None)
        with self._changed:
            if tool is None or self.agent_called:
                return None
            self.agent_called = True
        return _tool_use(tool, self._agent)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                api.other_paths.append("GET " + self.path)
                self.send_error(404)

            def do_CONNECT(self) -> None:
                host = self.path.rsplit(":", 1)[0]
                if api._tls is None or host != api._tls_host:
                    api.other_paths.append("CONNECT " + self.path)
                    self.send_error(403, "the e2e proxy only stands in for the API host")
                    return
                self.send_response(200, "Connection Established")
                self.end_headers()
                self.wfile.flush()
                try:
                    tunnel = api._tls.wrap_socket(self.connection, server_side=True)
                except (ssl.SSLError, OSError):
                    self.close_connection = True
                    return
                # The same handler serves the API inside the tunnel; this connection is its.
                Handler(tunnel, self.client_address, self.server)
                self.close_connection = True

            def do_HEAD(self) -> None:
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body_bytes = self.rfile.read(length)
                path = unquote(urlsplit(self.path).path)
                try:
                    body = json.loads(body_bytes or b"{}")
                except ValueError:
                    body = {}
                if not isinstance(body, dict):
                    body = {}
                # Matched before unquoting: an inference profile ARN's "/" comes as %2F.
                raw_path = urlsplit(self.path).path
                bedrock, vertex = _BEDROCK.search(raw_path), _VERTEX.search(path)
                if path.endswith("/v1/messages"):
                    model = str(body.get("model", ""))
                    stream = bool(body.get("stream"))
                elif bedrock:
                    model, stream = unquote(bedrock["model"]), bedrock["op"] == "invoke-with-response-stream"
                elif vertex:
                    model, stream = vertex["model"], vertex["op"] == "streamRawPredict"
                else:
                    api.other_paths.append("POST " + self.path)
                    self._send_json({})
                    return
                request = Request(
                    path, model, bool(body.get("tools")), _system_text(body), _first_message(body)
                )
                failure = api._fail.get(model) if request.is_primary else None
                if failure is not None:
                    api._record(replace(request, failed=True))
                    self._send_error(failure)
                    return
                call = api._call_for(request, body)
                api._record(request)
                if not stream:
                    self._send_json(_message(model, call))
                elif bedrock:
                    self._send_bedrock_stream(model, call)
                else:
                    self._send_sse(model, call)

            def _send(self, content_type: str, data: bytes) -> None:
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _send_json(self, value: object) -> None:
                self._send("application/json", json.dumps(value).encode())

            def _send_error(self, status: int) -> None:
                kind = _ERRORS.get(status, "api_error")
                data = json.dumps({"type": "error", "error": {"type": kind, "message": kind}}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _send_sse(self, model: str, call: dict[str, Any] | None = None) -> None:
                events = _events(model, call)
                self._send(
                    "text/event-stream",
                    b"".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode() for e in events),
                )

            def _send_bedrock_stream(self, model: str, call: dict[str, Any] | None = None) -> None:
                # Bedrock wraps each SSE event's JSON, base64-encoded, in an event-stream frame.
                frames = (
                    _event_stream_frame(
                        json.dumps({"bytes": base64.b64encode(json.dumps(e).encode()).decode()}).encode()
                    )
                    for e in _events(model, call)
                )
                self._send("application/vnd.amazon.eventstream", b"".join(frames))

        return Handler
