package io.berth.runtime.seccomp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The system calls of Berth's default policy (DefaultPolicy), grouped by what they are for. */
final class DefaultPolicyGroups {
    private DefaultPolicyGroups() {
    }

    /** Files, directories and their attributes: the mount namespace and file permissions confine them. */
    private static final List<String> FILES = List.of("access", "faccessat", "faccessat2", "open", "openat", "openat2",
            "creat", "close", "close_range", "stat", "stat64", "lstat", "lstat64", "fstat", "fstat64", "fstatat64",
            "newfstatat", "statx", "statfs", "statfs64", "fstatfs", "fstatfs64", "chdir", "fchdir", "getcwd",
            "getdents", "getdents64", "mkdir", "mkdirat", "mknod", "mknodat", "rmdir", "rename", "renameat",
            "renameat2", "link", "linkat", "symlink", "symlinkat", "unlink", "unlinkat", "readlink", "readlinkat",
            "chmod", "fchmod", "fchmodat", "fchmodat2", "chown", "chown32", "fchown", "fchown32", "fchownat",
            "lchown", "lchown32", "umask", "truncate", "truncate64", "ftruncate", "ftruncate64", "utime", "utimes",
            "utimensat", "utimensat_time64", "futimesat", "getxattr", "lgetxattr", "fgetxattr", "getxattrat",
            "setxattr", "lsetxattr", "fsetxattr", "setxattrat", "listxattr", "llistxattr", "flistxattr",
            "listxattrat", "removexattr", "lremovexattr", "fremovexattr", "removexattrat", "name_to_handle_at",
            "statmount", "listmount", "inotify_init", "inotify_init1", "inotify_add_watch", "inotify_rm_watch",
            "fanotify_mark", "flock", "fallocate", "fadvise64", "fadvise64_64", "readahead", "sync", "syncfs",
            "fsync", "fdatasync", "sync_file_range", "cachestat");

    /** Reading, writing and moving data through descriptors already open. */
    private static final List<String> DESCRIPTORS = List.of("read", "write", "readv", "writev", "pread64",
            "pwrite64", "preadv", "preadv2", "pwritev", "pwritev2", "lseek", "_llseek", "dup", "dup2", "dup3",
            "fcntl", "fcntl64", "ioctl", "pipe", "pipe2", "splice", "tee", "vmsplice", "sendfile", "sendfile64",
            "copy_file_range", "select", "_newselect", "pselect6", "pselect6_time64", "poll", "ppoll",
            "ppoll_time64", "epoll_create", "epoll_create1", "epoll_ctl", "epoll_ctl_old", "epoll_wait",
            "epoll_wait_old", "epoll_pwait", "epoll_pwait2", "eventfd", "eventfd2", "signalfd", "signalfd4",
            "timerfd_create", "timerfd_settime", "timerfd_settime64", "timerfd_gettime", "timerfd_gettime64",
            "io_setup", "io_destroy", "io_submit", "io_cancel", "io_getevents", "io_pgetevents",
            "io_pgetevents_time64");

    /** Sockets once made (socket itself is conditioned on the family): the network namespace confines them. */
    private static final List<String> SOCKETS = List.of("socketpair", "socketcall", "bind", "listen", "connect",
            "accept", "accept4", "getsockname", "getpeername", "getsockopt", "setsockopt", "shutdown", "send",
            "sendto", "sendmsg", "sendmmsg", "recv", "recvfrom", "recvmsg", "recvmmsg", "recvmmsg_time64");

    /** Processes, threads and signals: the PID namespace limits them to the container's own. */
    private static final List<String> PROCESSES = List.of("fork", "vfork", "execve", "execveat", "exit",
            "exit_group", "wait4", "waitid", "waitpid", "getpid", "getppid", "gettid", "getpgid", "getpgrp",
            "setpgid", "getsid", "setsid", "set_tid_address", "set_robust_list", "get_robust_list",
            "set_thread_area", "get_thread_area", "rseq", "restart_syscall", "prctl", "seccomp", "membarrier",
            "kill", "tkill", "tgkill", "pidfd_open", "pidfd_send_signal", "process_mrelease", "rt_sigaction",
            "rt_sigprocmask", "rt_sigreturn", "rt_sigpending", "rt_sigsuspend", "rt_sigtimedwait",
            "rt_sigtimedwait_time64", "rt_sigqueueinfo", "rt_tgsigqueueinfo", "sigaltstack", "sigprocmask",
            "sigreturn", "pause", "alarm", "landlock_create_ruleset", "landlock_add_rule", "landlock_restrict_self");

    /** Credentials and limits: changing them needs the capabilities the kernel checks itself. */
    private static final List<String> CREDENTIALS = List.of("getuid", "getuid32", "geteuid", "geteuid32", "getgid",
            "getgid32", "getegid", "getegid32", "getresuid", "getresuid32", "getresgid", "getresgid32", "getgroups",
            "getgroups32", "setuid", "setuid32", "setgid", "setgid32", "setreuid", "setreuid32", "setregid",
            "setregid32", "setresuid", "setresuid32", "setresgid", "setresgid32", "setfsuid", "setfsuid32",
            "setfsgid", "setfsgid32", "setgroups", "setgroups32", "capget", "capset", "getrlimit", "ugetrlimit",
            "setrlimit", "prlimit64", "getrusage", "times", "getpriority", "setpriority", "ioprio_get",
            "ioprio_set", "sched_yield", "sched_getaffinity", "sched_setaffinity", "sched_getattr",
            "sched_setattr", "sched_getparam", "sched_setparam", "sched_getscheduler", "sched_setscheduler",
            "sched_get_priority_max", "sched_get_priority_min", "sched_rr_get_interval",
            "sched_rr_get_interval_time64", "getcpu", "uname", "sysinfo", "getrandom");

    /** Memory of the process itself; locking is bounded by RLIMIT_MEMLOCK and the memory cgroup. */
    private static final List<String> MEMORY = List.of("brk", "mmap", "mmap2", "munmap", "mremap", "mprotect",
            "madvise", "mincore", "msync", "mlock", "mlock2", "mlockall", "munlock", "munlockall",
            "remap_file_pages", "memfd_create", "memfd_secret", "pkey_alloc", "pkey_free", "pkey_mprotect",
            "map_shadow_stack", "mseal", "uretprobe", "riscv_hwprobe");

    /** Waiting and inter-process communication: futexes, System V and POSIX IPC (the IPC namespace confines them). */
    private static final List<String> SYNC_AND_IPC = List.of("futex", "futex_time64", "futex_wait", "futex_wake",
            "futex_waitv", "futex_requeue", "ipc", "msgget", "msgsnd", "msgrcv", "msgctl", "semget", "semop",
            "semtimedop", "semtimedop_time64", "semctl", "shmget", "shmat", "shmdt", "shmctl", "mq_open",
            "mq_unlink", "mq_timedsend", "mq_timedsend_time64", "mq_timedreceive", "mq_timedreceive_time64",
            "mq_notify", "mq_getsetattr");

    /** Clocks and timers: reading is harmless; adjtimex and clock_adjtime change the clock only with CAP_SYS_TIME. */
    private static final List<String> TIME = List.of("time", "gettimeofday", "clock_gettime", "clock_gettime64",
            "clock_getres", "clock_getres_time64", "clock_nanosleep", "clock_nanosleep_time64", "nanosleep",
            "adjtimex", "clock_adjtime", "clock_adjtime64", "getitimer", "setitimer", "timer_create",
            "timer_delete", "timer_settime", "timer_settime64", "timer_gettime", "timer_gettime64",
            "timer_getoverrun");

    static final List<String> ORDINARY = concat(FILES, DESCRIPTORS, SOCKETS, PROCESSES, CREDENTIALS, MEMORY,
            SYNC_AND_IPC, TIME);

    /**
     * Calls opened by one capability: a container given the capability is trusted with what it
     * guards, so the filter does not take back what the capability grants.
     */
    static final Map<String, List<String>> BY_CAPABILITY = byCapability();

    private static Map<String, List<String>> byCapability() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        // Namespaces, mounts, host names, BPF, tracing and kernel logs: the escape routes seccomp closes by default.
        groups.put("CAP_SYS_ADMIN", List.of("bpf", "clone", "clone3", "fanotify_init", "fsconfig", "fsmount", "fsopen",
                "fspick", "lookup_dcookie", "lsm_get_self_attr", "lsm_list_modules", "lsm_set_self_attr", "mount",
                "mount_setattr", "move_mount", "open_tree", "perf_event_open", "quotactl", "quotactl_fd",
                "setdomainname", "sethostname", "setns", "syslog", "umount", "umount2", "unshare"));
        // open_by_handle_at can reach files outside the container's root (the "shocker" escape).
        groups.put("CAP_DAC_READ_SEARCH", List.of("open_by_handle_at"));
        groups.put("CAP_SYS_BOOT", List.of("reboot"));
        groups.put("CAP_SYS_CHROOT", List.of("chroot"));
        groups.put("CAP_SYS_MODULE", List.of("delete_module", "init_module", "finit_module"));
        groups.put("CAP_SYS_PACCT", List.of("acct"));
        // Reading and writing other processes' memory, also on kernels before 4.8.
        groups.put("CAP_SYS_PTRACE", List.of("kcmp", "pidfd_getfd", "process_madvise", "process_vm_readv",
                "process_vm_writev", "ptrace"));
        groups.put("CAP_SYS_RAWIO", List.of("iopl", "ioperm"));
        groups.put("CAP_SYS_TIME", List.of("settimeofday", "stime", "clock_settime", "clock_settime64"));
        groups.put("CAP_SYS_TTY_CONFIG", List.of("vhangup"));
        // NUMA memory placement affects other tenants of the host.
        groups.put("CAP_SYS_NICE", List.of("get_mempolicy", "mbind", "set_mempolicy", "set_mempolicy_home_node"));
        groups.put("CAP_SYSLOG", List.of("syslog"));
        groups.put("CAP_BPF", List.of("bpf"));
        groups.put("CAP_PERFMON", List.of("perf_event_open"));
        return Collections.unmodifiableMap(groups);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... groups) {
        List<String> all = new ArrayList<>();
        for (List<String> group : groups) {
            all.addAll(group);
        }
        return List.copyOf(all);
    }
}
