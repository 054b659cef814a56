#!/usr/bin/env python3
"""The package test's client: talks to an installed Tandem over its REST API.

    pkgclient.py health URL VERSION        /api/health says ok and this version
    pkgclient.py seed URL USER PASS TITLE  registers USER and adds a task TITLE
    pkgclient.py check URL USER PASS TITLE signs in as USER and finds the task TITLE

Exits non-zero, saying what was wrong, when the server does not answer as it should.
"""
import json
import sys
import urllib.error
import urllib.request


def call(method, url, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def expect(what, status, wanted, answer):
    if status != wanted:
        sys.exit(f"{what}: HTTP {status} (expected {wanted}): {answer}")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    verb, base = sys.argv[1], sys.argv[2].rstrip("/")
    if verb == "health" and len(sys.argv) == 4:
        status, answer = call("GET", f"{base}/api/health")
        expect("GET /api/health", status, 200, answer)
        if answer.get("status") != "ok" or answer.get("version") != sys.argv[3]:
            sys.exit(f"GET /api/health: {answer} (expected status ok, version {sys.argv[3]})")
        print(f"/api/health: {json.dumps(answer)}")
    elif verb == "seed" and len(sys.argv) == 6:
        user, password, title = sys.argv[3:6]
        status, answer = call("POST", f"{base}/api/auth/register", {"username": user, "password": password})
        expect("POST /api/auth/register", status, 201, answer)
        status, task = call("POST", f"{base}/api/tasks", {"title": title}, answer["token"])
        expect("POST /api/tasks", status, 201, task)
        print(f"registered {user}, added task {task['task']['id']} \"{title}\"")
    elif verb == "check" and len(sys.argv) == 6:
        user, password, title = sys.argv[3:6]
        status, answer = call("POST", f"{base}/api/auth/login", {"username": user, "password": password})
        expect("POST /api/auth/login (the account from before)", status, 200, answer)
        status, listed = call("GET", f"{base}/api/tasks", token=answer["token"])
        expect("GET /api/tasks", status, 200, listed)
        titles = [task.get("title") for task in listed.get("tasks", [])]
        if title not in titles:
            sys.exit(f"the task \"{title}\" is gone; the tasks are {titles}")
        print(f"signed in as {user} and found \"{title}\"")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
