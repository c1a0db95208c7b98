"""Stand-in for the todo backend: the same entry point (src.main:app) and health route."""

import os

from fastapi import FastAPI

app = FastAPI(title="todo-backend stand-in")


@app.get("/api/health")
def health() -> dict:
    return {"status": "healthy", "service": "backend-standin"}


@app.get("/api/whoami")
def whoami() -> dict:
    # Lets the container test see the user the process runs as and that uploads/ is writable.
    probe = os.path.join("uploads", ".write-test")
    with open(probe, "w", encoding="utf-8") as f:
        f.write("ok")
    os.remove(probe)
    return {"uid": os.getuid(), "gid": os.getgid(), "uploads_writable": True}
