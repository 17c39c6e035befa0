"""
The docker CLI on the rehearsed instance: pull, run --detach, logs. `run` starts the published StackKit.Server the
way the container would: as --user, with the image's environment, then --env-file, then --env (later wins, as in
docker), HOME an empty tmpfs holding only the --volume mounts (in a mount namespace of its own), and each --publish
as a TCP forwarder from the host port to the container port, which accepts and then drops connections while
nothing listens, as docker-proxy does. Images that were not published for the rehearsal fail with docker's own
"pull access denied" message.

State lives in $STANDIN_STATE: images (pullable references), image.env (the image's ENV), app (the published
server), instance.env (extra environment, e.g. AWS_ENDPOINT_URL and test credentials standing in for the instance
role when a test runs moto_server in the namespace from its before-boot script),
docker-calls (every call), containers/<name>/log (the container's output).
"""
import os
import shlex
import secrets
import socket
import subprocess
import sys
import threading

STATE = os.environ["STANDIN_STATE"]


def lines(name):
    path = os.path.join(STATE, name)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as file:
        return [line.rstrip("\n") for line in file if line.strip() and not line.startswith("#")]


def repository(image):
    name = image.split("@", 1)[0]
    slash = name.rfind("/")
    colon = name.rfind(":")
    return name[:colon] if colon > slash else name


def pullable(image):
    return image in lines("images")


def pull_denied(image, prefix=""):
    sys.stderr.write(
        f"{prefix}Error response from daemon: pull access denied for {repository(image)}, repository does not exist "
        "or may require 'docker login': denied: requested access to the resource is denied\n")


def pull(args):
    quiet = "--quiet" in args or "-q" in args
    image = [a for a in args if not a.startswith("-")][-1]
    if not pullable(image):
        pull_denied(image)
        return 1
    if not quiet:
        print(f"Status: Downloaded newer image for {image}")
    print(image)
    return 0


RUN_OPTIONS = {"--restart", "--name", "--env-file", "--user", "-u", "--env", "-e", "--volume", "-v", "--publish", "-p"}

# Accepted and left to the real engine: where and how much the container logs (the stand-in keeps one log file).
IGNORED_RUN_OPTIONS = {"--log-driver", "--log-opt"}


def parse_run(args):
    options, index = [], 0
    while index < len(args) and args[index].startswith("-"):
        flag, _, inline = args[index].partition("=")
        if flag in ("--detach", "-d"):
            options.append((flag, None))
        elif flag in RUN_OPTIONS or flag in IGNORED_RUN_OPTIONS:
            if inline:
                options.append((flag, inline))
            else:
                index += 1
                options.append((flag, args[index]))
        else:
            raise SystemExit(f"docker stand-in: unsupported option {flag}")
        index += 1
    if index >= len(args):
        raise SystemExit("docker stand-in: no image given")
    if index + 1 != len(args):
        raise SystemExit("docker stand-in: a command after the image is not supported")
    return options, args[index]


def environment(options):
    env = dict(line.split("=", 1) for line in lines("image.env"))
    for flag, value in options:
        if flag == "--env-file":
            with open(value, encoding="utf-8") as file:
                for line in file:
                    line = line.rstrip("\n")
                    if line.strip() and not line.startswith("#"):
                        key, sep, val = line.partition("=")
                        env[key] = val if sep else os.environ.get(key, "")
    for flag, value in options:
        if flag in ("--env", "-e"):
            key, sep, val = value.partition("=")
            env[key] = val if sep else os.environ.get(key, "")
    env.update(line.split("=", 1) for line in lines("instance.env"))
    return env


def run(args):
    options, image = parse_run(args)
    if not pullable(image):
        sys.stderr.write(f"Unable to find image '{image}' locally\n")
        pull_denied(image, "docker: ")
        sys.stderr.write("\nRun 'docker run --help' for more information\n")
        return 125
    env = environment(options)
    name = next((v for f, v in options if f == "--name"), secrets.token_hex(6))
    user = next((v for f, v in options if f in ("--user", "-u")), "0:0")
    uid, _, gid = user.partition(":")
    home = env.get("HOME", "/")
    container = os.path.join(STATE, "containers", name)
    os.makedirs(container)
    script = ["set -e"]
    volumes = [v.split(":")[:2] for f, v in options if f in ("--volume", "-v")]
    for number, (source, target) in enumerate(volumes):
        if not (target + "/").startswith(home.rstrip("/") + "/"):
            raise SystemExit(f"docker stand-in: volume target {target} is outside HOME {home}")
        stage = os.path.join(container, f"volume{number}")
        os.makedirs(stage)
        script.append(f"mount --bind {shlex.quote(source)} {shlex.quote(stage)}")
    # The container's home is the image's: empty but for what is mounted into it.
    script.append(f"mount -t tmpfs -o mode=755 tmpfs {shlex.quote(home)}")
    for number, (source, target) in enumerate(volumes):
        stage = os.path.join(container, f"volume{number}")
        script += [f"mkdir -p {shlex.quote(target)}", f"mount --bind {shlex.quote(stage)} {shlex.quote(target)}", f"umount {shlex.quote(stage)}"]
    variables = " ".join(shlex.quote(f"{k}={v}") for k, v in env.items())
    script.append(f"exec setpriv --reuid {int(uid or 0)} --regid {int(gid or 0)} --clear-groups env -i {variables} ./StackKit.Server")
    log = open(os.path.join(container, "log"), "ab")
    subprocess.Popen(["unshare", "--mount", "--propagation", "private", "sh", "-c", "\n".join(script)],
                     cwd=os.path.join(STATE, "app"), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                     start_new_session=True)
    for flag, value in options:
        if flag in ("--publish", "-p"):
            host, container_port = value.rsplit(":", 2)[-2:]
            subprocess.Popen([sys.executable, __file__, "forward", host, container_port], stdin=subprocess.DEVNULL,
                             stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    print(secrets.token_hex(32))
    return 0


def logs(args):
    tail = int(args[args.index("--tail") + 1]) if "--tail" in args else None
    path = os.path.join(STATE, "containers", args[-1], "log")
    if not os.path.exists(path):
        sys.stderr.write(f"Error response from daemon: No such container: {args[-1]}\n")
        return 1
    with open(path, encoding="utf-8", errors="replace") as file:
        content = file.readlines()
    sys.stdout.writelines(content if tail is None else content[-tail:])
    return 0


def pump(source, target):
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        for end in (source, target):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def forward(host_port, container_port):
    listener = socket.create_server(("0.0.0.0", int(host_port)), reuse_port=False)
    while True:
        client, _ = listener.accept()
        try:
            upstream = socket.create_connection(("127.0.0.1", int(container_port)))
        except OSError:
            client.close()
            continue
        threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
        threading.Thread(target=pump, args=(upstream, client), daemon=True).start()


def main(argv):
    if argv[:1] == ["forward"]:
        forward(*argv[1:3])
        return 0
    with open(os.path.join(STATE, "docker-calls"), "a", encoding="utf-8") as calls:
        calls.write(" ".join(argv) + "\n")
    commands = {"pull": pull, "run": run, "logs": logs}
    if not argv or argv[0] not in commands:
        sys.stderr.write(f"docker stand-in: unsupported command {' '.join(argv[:1])}\n")
        return 1
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
