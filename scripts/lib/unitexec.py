#!/usr/bin/env python3
"""Prints how systemd would start a service, for starting it without systemd.

    unitexec.py ROOT UNIT

reads ROOT/UNIT (a .service file) and the EnvironmentFile= it names (inside
ROOT), and prints, NUL-separated: the User=, the Group=, the UMask=, then
"--env", each KEY=VALUE of the environment, then "--argv", the ExecStart= words
after systemd's expansion ($VAR splits into words, ${VAR} is one word). Only the
subset of systemd's syntax tandem-server.service uses; anything else is an
error, so a unit this cannot read fails the package test instead of being
started wrongly.
"""
import os
import re
import shlex
import sys


def fail(message):
    sys.exit(f"unitexec: {message}")


def read_unit(path):
    section, entries = None, []
    with open(path, encoding="utf-8") as unit:
        for raw in unit:
            line = raw.strip()
            if not line or line[0] in "#;":
                continue
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1]
                continue
            key, sep, value = line.partition("=")
            if not sep:
                fail(f"{path}: cannot read line: {line}")
            entries.append((section, key.strip(), value.strip()))
    return entries


def read_env_file(path, env):
    with open(path, encoding="utf-8") as envfile:
        for raw in envfile:
            line = raw.strip()
            if not line or line[0] in "#;":
                continue
            words = shlex.split(line, comments=True)
            if not words:
                continue
            if len(words) != 1 or "=" not in words[0]:
                fail(f"{path}: not KEY=VALUE: {line}")
            key, _, value = words[0].partition("=")
            env[key] = value


def expand(words, env):
    out = []
    for word in words:
        whole = re.fullmatch(r"\$([A-Za-z_][A-Za-z0-9_]*)", word)
        if whole:
            out.extend(env.get(whole.group(1), "").split())
            continue
        out.append(re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda m: env.get(m.group(1), ""), word))
    return out


def main():
    if len(sys.argv) != 3:
        fail("usage: unitexec.py ROOT UNIT")
    root, unit = sys.argv[1], sys.argv[2]
    env, user, group, umask, exec_start = {}, "root", None, "0022", None
    env_files = []
    for section, key, value in read_unit(os.path.join(root, unit.lstrip("/"))):
        if section != "Service":
            continue
        if key == "User":
            user = value
        elif key == "Group":
            group = value
        elif key == "UMask":
            umask = value
        elif key == "Environment":
            for word in shlex.split(value):
                name, sep, val = word.partition("=")
                if not sep:
                    fail(f"Environment= word without '=': {word}")
                env[name] = val
        elif key == "EnvironmentFile":
            env_files.append(value)
        elif key == "ExecStart":
            if value[:1] in "@-:+!":
                fail(f"ExecStart= prefixes are not supported: {value}")
            exec_start = value
    # systemd reads the files after Environment= lines: their values win.
    for name in env_files:
        optional = name.startswith("-")
        path = os.path.join(root, name.lstrip("-").lstrip("/"))
        if not os.path.exists(path):
            if optional:
                continue
            fail(f"EnvironmentFile={name} does not exist")
        read_env_file(path, env)
    if exec_start is None:
        fail("no ExecStart=")
    argv = expand(shlex.split(exec_start), env)
    fields = [user, group or user, umask, "--env"]
    fields += [f"{k}={v}" for k, v in env.items()]
    fields += ["--argv"] + argv
    sys.stdout.write("\0".join(fields) + "\0")


if __name__ == "__main__":
    main()
