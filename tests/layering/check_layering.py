#!/usr/bin/env python3
"""The layering of DESIGN.md, checked from the sources and the CMake files.

Two rules, for every library of the project (add_library in a CMakeLists.txt):
  1. An engine folder (storage, services/base, services/config,
     services/calendar, services/queue, services/deadline) includes no gRPC
     header: no <grpc...>, <grpcpp/...>, *.grpc.pb.h or the contract's gRPC
     parts. Their libraries link qms_proto_messages, never qms_proto_grpc.
  2. A library includes only headers of itself and of the project libraries
     it declares (target_link_libraries, directly).

Usage: check_layering.py SOURCE_DIR     prints each violation, exit 1 if any
       check_layering.py --self-test    shows on made-up trees that each rule
                                        catches its violation
"""
import os
import re
import shutil
import sys
import tempfile

ENGINE_DIRS = ["storage", "services/base", "services/config", "services/calendar", "services/queue",
               "services/deadline"]
SKIP_DIRS = {"build", ".git", "node_modules", "tests", "bench", "kiosk"}
GRPC_INCLUDE = re.compile(r'#include\s*[<"](grpc/|grpcpp/|grpc\+\+/|[^">]*\.grpc\.pb\.h|qms/request_parsing\.h|'
                          r'qms/client_credentials\.h|qms/pem_files\.h|qms/client_tls_flags\.h)')
INCLUDE = re.compile(r'^\s*#include\s*"([^"]+)"', re.M)
# Headers with no .cc of their own in a folder of several libraries, and
# which library they belong to. (In a folder of one library, its headers are
# its own.) A header-only file in such a folder that is not named here is
# reported, so that every header has an owner.
HEADER_ONLY_OWNERS = {
    "services/access/bounded_stream.h": "qms_access",
    "services/access/caller.h": "qms_access",
    "services/access/grpc_status.h": "qms_access",
    "services/access/open_streams.h": "qms_access",
    "services/access/unary_call.h": "qms_access",
    "services/base/actor.h": "qms_base",
    "services/config/system_config.h": "qms_config_types",
    "services/queue/ticket.h": "qms_queue",
    "services/queue/waiting_line.h": "qms_queue",
}


def cmake_calls(text, name):
    """The argument lists of every `name(...)` call in a CMake file."""
    out = []
    for m in re.finditer(r'\b' + name + r'\s*\(', text):
        depth, i = 1, m.end()
        while depth and i < len(text):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        body = re.sub(r'#[^\n]*', '', text[m.end():i - 1])
        out.append(body.split())
    return out


def read_libraries(root, programs=None):
    """{library: {"dir": folder, "sources": [...], "deps": set()}} of every
    add_library; the sources of every add_executable go into `programs`."""
    libs = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
        if "CMakeLists.txt" not in files:
            continue
        rel = os.path.relpath(folder, root)
        text = open(os.path.join(folder, "CMakeLists.txt"), encoding="utf-8").read()
        for args in cmake_calls(text, "add_library"):
            name, rest = args[0], args[1:]
            sources = [a for a in rest if a.endswith((".cc", ".h")) and "$" not in a]
            libs[name] = {"dir": rel, "sources": [os.path.normpath(os.path.join(rel, s)) for s in sources],
                          "deps": set()}
        for args in cmake_calls(text, "add_executable"):
            if programs is not None and args:
                programs[args[0]] = [os.path.normpath(os.path.join(rel, a)) for a in args[1:] if a.endswith(".cc")]
        for args in cmake_calls(text, "target_link_libraries"):
            if args and args[0] in libs:
                libs[args[0]]["deps"].update(a for a in args[1:] if a.startswith("qms_"))
    return libs


def header_owners(libs, root, problems, programs=None):
    owners = dict(HEADER_ONLY_OWNERS)
    for name, sources in (programs or {}).items():  # a program's own headers
        for source in sources:
            owners[os.path.splitext(source)[0] + ".h"] = name
    by_dir = {}
    for name, lib in libs.items():
        by_dir.setdefault(lib["dir"], []).append(name)
        for source in lib["sources"]:
            owners[os.path.splitext(source)[0] + ".h"] = name
    for folder, names in by_dir.items():
        for header in sorted(f for f in os.listdir(os.path.join(root, folder)) if f.endswith(".h")):
            path = os.path.normpath(os.path.join(folder, header))
            if path in owners:
                continue
            if len(names) == 1:
                owners[path] = names[0]
                libs[names[0]]["sources"].append(path)
            else:
                problems.append(f"{path}: no library owns this header (add it to HEADER_ONLY_OWNERS)")
    return owners


def owner_of(include, owners):
    if include.startswith("qms/"):
        grpc_parts = ("request_parsing.h", "client_credentials.h", "pem_files.h", "client_tls_flags.h")
        if include.endswith(".grpc.pb.h") or include.split("/")[-1] in grpc_parts:
            return "qms_proto_grpc"
        if include.endswith(".pb.h"):
            return "qms_proto_messages"
    return owners.get(include)


def files_of(lib, root):
    """A library's sources and the headers beside them."""
    out = []
    for source in lib["sources"]:
        stem = os.path.splitext(source)[0]
        for path in (stem + ".cc", stem + ".h"):
            if os.path.exists(os.path.join(root, path)) and path not in out:
                out.append(path)
    return out


def check(root):
    programs = {}
    libs = read_libraries(root, programs)
    problems = []
    owners = header_owners(libs, root, problems, programs)
    for header, owner in HEADER_ONLY_OWNERS.items():
        if owner in libs and os.path.exists(os.path.join(root, header)):
            libs[owner]["sources"].append(header)
    for name, lib in sorted(libs.items()):
        engine = any(lib["dir"] == d or lib["dir"].startswith(d + "/") for d in ENGINE_DIRS)
        if engine and "qms_proto_grpc" in lib["deps"]:
            problems.append(f"{name} ({lib['dir']}): an engine library links qms_proto_grpc")
        for path in files_of(lib, root):
            text = open(os.path.join(root, path), encoding="utf-8").read()
            if engine:
                for m in GRPC_INCLUDE.finditer(text):
                    problems.append(f"{path}: an engine folder includes a gRPC header ({m.group(0)})")
            for include in INCLUDE.findall(text):
                owner = owner_of(include, owners)
                if owner is None or owner == name or owner in lib["deps"]:
                    continue
                problems.append(f"{path}: {name} includes {include} of {owner}, which it does not declare")
    return problems


def self_test():
    """Each rule, on a made-up tree: clean, then with one violation."""
    def tree(files):
        root = tempfile.mkdtemp(prefix="qms-layering-")
        for path, text in files.items():
            os.makedirs(os.path.join(root, os.path.dirname(path)), exist_ok=True)
            with open(os.path.join(root, path), "w", encoding="utf-8") as f:
                f.write(text)
        return root

    base = {
        "services/base/CMakeLists.txt": "add_library(qms_status STATIC status.cc)\n",
        "services/base/status.h": "#pragma once\n",
        "services/base/status.cc": '#include "services/base/status.h"\n',
        "services/queue/CMakeLists.txt":
            "add_library(qms_queue STATIC centre.cc)\ntarget_link_libraries(qms_queue PUBLIC qms_status qms_proto_messages)\n",
        "services/queue/centre.h": '#pragma once\n#include "services/base/status.h"\n',
        "services/queue/centre.cc": '#include "services/queue/centre.h"\n#include "qms/v1/queue.pb.h"\n',
    }
    failures = []
    cases = [
        ("clean", {}, None),
        ("grpc in an engine", {"services/queue/centre.cc": '#include <grpcpp/grpcpp.h>\n'},
         "an engine folder includes a gRPC header"),
        ("stub in an engine", {"services/queue/centre.cc": '#include "qms/v1/queue.grpc.pb.h"\n'},
         "an engine folder includes a gRPC header"),
        ("undeclared", {"services/queue/CMakeLists.txt": "add_library(qms_queue STATIC centre.cc)\n"},
         "qms_queue includes services/base/status.h of qms_status, which it does not declare"),
    ]
    for name, change, expected in cases:
        files = dict(base)
        for path, text in change.items():
            files[path] = files.get(path, "") + text if path.endswith(".cc") else text
        root = tree(files)
        try:
            problems = check(root)
        finally:
            shutil.rmtree(root)
        if expected is None and problems:
            failures.append(f"{name}: expected none, got {problems}")
        if expected is not None and not any(expected in p for p in problems):
            failures.append(f"{name}: expected '{expected}', got {problems}")
    for f in failures:
        print("self-test:", f)
    print(f"self-test: {len(cases) - len(failures)} of {len(cases)} cases as expected")
    return 1 if failures else 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    problems = check(sys.argv[1])
    for p in problems:
        print(p)
    print(f"layering: {len(problems)} violations")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
