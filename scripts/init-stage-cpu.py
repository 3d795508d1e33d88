#!/usr/bin/env python3
"""CPU cost of the container init stage under different JVM command lines (docs/init-stage.md).

usage (root): scripts/init-stage-cpu.py RUNS VARIANTS_FILE LAYER_DIR
VARIANTS_FILE: lines "name<TAB>java ... io.berth.runtime.init.ContainerInit". Each variant runs RUNS
times, round-robin (so load on the machine hits all alike), as PID 1 of fresh mount, UTS, IPC,
net and PID namespaces (unshare(1), mounts private), on an overlay of LAYER_DIR (e.g. an untarred
busybox rootfs), with a config like the launcher's (command "true", Docker's capabilities).
CPU per run is wait4()'s rusage: the stage and every child it reaped, in microseconds.
"""
import os, sys, subprocess, shutil, statistics, tempfile
n = int(sys.argv[1])
variants = [l.rstrip("\n").split("\t", 1) for l in open(sys.argv[2]) if l.strip() and not l.startswith("#")]
layer = os.path.abspath(sys.argv[3])
base = tempfile.mkdtemp(prefix="berth-init-cpu-")
caps = "CAP_CHOWN CAP_DAC_OVERRIDE CAP_FSETID CAP_FOWNER CAP_MKNOD CAP_NET_RAW CAP_SETGID CAP_SETUID CAP_SETFCAP CAP_SETPCAP CAP_NET_BIND_SERVICE CAP_SYS_CHROOT CAP_KILL CAP_AUDIT_WRITE".split()
res = {v[0]: [] for v in variants}
def once(i, name, cmd):
    d = f"{base}/runs/{name}-{i}"
    shutil.rmtree(d, ignore_errors=True)
    for s in ("upper", "work", "rootfs"): os.makedirs(f"{d}/{s}")
    cfg = [("rootfs", d + "/rootfs"), ("arg", "true"), ("env", "PATH=/usr/sbin:/usr/bin:/sbin:/bin"), ("cwd", "/"),
           ("uid", "0"), ("gid", "0"), ("hostname", "bench"), ("domainname", ""), ("newnet", "true")]
    cfg += [("cap", c) for c in caps] + [("nnp", "true"), ("rorootfs", "false"), ("shm", "67108864")]
    open(d + "/config", "w").write("".join(k + "\t" + v + "\n" for k, v in cfg))
    open(d + "/go", "wb").write(b"\x01")
    script = (f"mount -t overlay overlay -o lowerdir={layer},upperdir={d}/upper,workdir={d}/work {d}/rootfs && "
              f"exec {cmd} 3<{d}/config 4>{d}/status 5<{d}/go")
    p = subprocess.Popen(["unshare", "-m", "-u", "-i", "-n", "-p", "-f", "--propagation", "private", "sh", "-c", script],
                         stdout=open(d + "/out", "w"), stderr=subprocess.STDOUT)
    _, status, ru = os.wait4(p.pid, 0)
    st = open(d + "/status").read()
    ok = st == "ready\nexec\n" and status == 0
    if not ok: print(name, "FAILED:", st, status, open(d + "/out").read()[:2000])
    shutil.rmtree(d, ignore_errors=True)
    return (ru.ru_utime + ru.ru_stime) * 1000
for name, cmd in variants: once(0, name, cmd)  # warm-up (page cache)
for i in range(n):
    for name, cmd in variants: res[name].append(once(i, name, cmd))
for name, _ in variants:
    c = res[name]; m = statistics.mean(c); se = statistics.stdev(c) / len(c) ** 0.5
    print(f"{name:28s} median {statistics.median(c):6.1f}  mean {m:6.1f} +-{se:4.1f}  min {min(c):6.1f} ms")
shutil.rmtree(base, ignore_errors=True)
