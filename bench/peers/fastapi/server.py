"""The FastAPI peer of bench/sync: the original design's own stack.

A minimal FastAPI + uvicorn WebSocket broadcast server in the shape of
FastAPI's documented ConnectionManager. Clients connect to
ws://127.0.0.1:PORT/ws and get a welcome; POST /broadcast with a task as JSON
sends every client one task_created event shaped like Tandem's. Prints
"listening on PORT". Runs on Debian's packages (python3-fastapi,
python3-uvicorn, python3-websockets; uvloop and httptools when installed).
"""

import importlib.util
import json
import socket
import sys
import uuid
from datetime import datetime, timezone

import fastapi
import uvicorn
from fastapi import Body, FastAPI, WebSocket, WebSocketDisconnect

app = FastAPI()
user_id = str(uuid.uuid4())
state = {"seq": 0}
clients: set[WebSocket] = set()


def now_text() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@app.websocket("/ws")
async def subscribe(websocket: WebSocket) -> None:
    await websocket.accept()
    clients.add(websocket)
    try:
        await websocket.send_text(json.dumps({"type": "welcome", "data": {"userId": user_id, "seq": state["seq"]}}))
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        clients.discard(websocket)


@app.post("/broadcast", status_code=201)
async def broadcast(body: dict = Body(...)) -> dict:
    now = now_text()
    task = {
        "completedAt": None,
        "createdAt": now,
        "description": body.get("description", ""),
        "due": None,
        "id": str(uuid.uuid4()),
        "ownerId": user_id,
        "priority": body.get("priority", "none"),
        "revision": 1,
        "status": "pending",
        "tags": body.get("tags", []),
        "title": body.get("title"),
        "updatedAt": now,
    }
    state["seq"] += 1
    event = json.dumps(
        {
            "type": "task_created",
            "seq": state["seq"],
            "opId": str(uuid.uuid4()),
            "data": {"task": task, "userId": user_id, "timestamp": now},
        },
        separators=(",", ":"),
    )
    for client in list(clients):
        try:
            await client.send_text(event)
        except Exception:  # a client that left mid-broadcast
            clients.discard(client)
    return {"task": task}


def main() -> None:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(2048)
    print(f"listening on {listener.getsockname()[1]}", flush=True)
    # What `pip install uvicorn[standard]` deploys, when Debian has it installed.
    loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    http = "httptools" if importlib.util.find_spec("httptools") else "h11"
    print(f"uvicorn {uvicorn.__version__} (loop {loop}, http {http}), fastapi {fastapi.__version__}", file=sys.stderr)
    config = uvicorn.Config(app, loop=loop, http=http, ws="websockets", log_level="warning", access_log=False,
                            backlog=2048)
    uvicorn.Server(config).run(sockets=[listener])


if __name__ == "__main__":
    main()
