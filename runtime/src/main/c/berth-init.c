/*
 * berth-init: PID 1 of a new container, spawned by KernelContainerLauncher with posix_spawn into
 * fresh mount, UTS, IPC, PID (and usually network) namespaces. It sets up the root (mounts,
 * pivot_root), names, limits, the cgroup, credentials and capabilities, then execve's the
 * service's command. A C program rather than a JVM because a JVM with JNA costs about 80 ms of
 * CPU per start for a few ms of work (docs/init-stage.md).
 *
 * Descriptors: 0-2 the container's stdio; 3 the config (a memfd, InitConfig.encode: lines of
 * tab-separated fields with backslash escapes); 4 status to the launcher ("ready", then "exec" or
 * "error MESSAGE"); 5 the launcher's go-ahead (one byte, GO or GO_WITH_TERMINAL). Any failure
 * writes "error CALL PATH: strerror (ENAME)" on 4 and exits 127; a command that cannot run
 * writes "cannot-run CODE MESSAGE" (fail_command: 127 not found, 126 not executable).
 *
 * Never run it by hand outside new namespaces: it mounts, pivots and renames the host otherwise.
 * The one exception, "berth-init resolve ROOT PATH", only resolves and prints (print_resolution).
 */
#define _GNU_SOURCE
#include "berth-init.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

/* "PREFIX MESSAGE" on the status pipe, newlines flattened, then exit with EXIT_CODE. */
_Noreturn static void report(const char *prefix, int exit_code, const char *format, va_list args) {
    char message[4096];
    vsnprintf(message, sizeof message, format, args);
    for (char *c = message; *c; c++) {
        if (*c == '\n') {
            *c = ' ';
        }
    }
    char line[sizeof message + 32];
    int length = snprintf(line, sizeof line, "%s%s\n", prefix, message);
    if (length > (int) sizeof line - 1) {
        length = sizeof line - 1;
        line[length - 1] = '\n';
    }
    for (int written = 0; written < length;) {
        ssize_t n = write(STATUS_FD, line + written, length - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        written += n;
    }
    _exit(exit_code);
}

/* "error MESSAGE" on the status pipe, then exit 127 as the Java stage did. */
_Noreturn void fail(const char *format, ...) {
    va_list args;
    va_start(args, format);
    report("error ", 127, format, args);
}

/*
 * "cannot-run CODE MESSAGE": the command is missing (127) or not executable (126); the launcher
 * makes that the container's exit code, as Docker does.
 */
_Noreturn void fail_command(int exit_code, const char *format, ...) {
    char prefix[32];
    snprintf(prefix, sizeof prefix, "cannot-run %d ", exit_code);
    va_list args;
    va_start(args, format);
    report(prefix, exit_code, format, args);
}

/* 127 for an errno that means "not there", 126 for "there but not runnable", 0 for anything else. */
int command_exit_code(int error) {
    switch (error) {
        case ENOENT:
        case ENOTDIR:
        case ELOOP:
        case ENAMETOOLONG:
            return COMMAND_NOT_FOUND;
        case EACCES:
        case EPERM:
        case EISDIR:
        case ENOEXEC:
        case ETXTBSY:
            return COMMAND_NOT_EXECUTABLE;
        default:
            return 0;
    }
}

/* strerror as Go words errnos: "no such file or directory" (what Docker's messages show). */
const char *lower_strerror(int error, char *buffer, size_t size) {
    snprintf(buffer, size, "%s", strerror(error));
    if (buffer[0] >= 'A' && buffer[0] <= 'Z') {
        buffer[0] = (char) (buffer[0] - 'A' + 'a');
    }
    return buffer;
}

/* As LinuxException words it: "mount tmpfs /dev: No such file or directory (ENOENT)". */
_Noreturn void fail_errno(const char *call, const char *subject_format, ...) {
    int saved = errno;
    char subject[2048];
    va_list args;
    va_start(args, subject_format);
    vsnprintf(subject, sizeof subject, subject_format, args);
    va_end(args);
    const char *name = strerrorname_np(saved);
    fail("%s%s%s: %s (%s)", call, subject[0] ? " " : "", subject, strerror(saved), name ? name : "?");
}

/* Backslash escapes of InitConfig.escape, undone in place: \t, \n, and \X for any other X. */
static void unescape(char *text) {
    char *out = text;
    for (char *in = text; *in; in++) {
        if (*in == '\\' && in[1]) {
            in++;
            *out++ = *in == 't' ? '\t' : *in == 'n' ? '\n' : *in;
        } else {
            *out++ = *in;
        }
    }
    *out = '\0';
}

static char *read_to_end(int fd) {
    size_t capacity = 8192, length = 0;
    char *buffer = malloc(capacity);
    for (;;) {
        if (buffer == NULL) {
            fail("out of memory reading the config");
        }
        if (length + 1 == capacity) {
            buffer = realloc(buffer, capacity *= 2);
            continue;
        }
        ssize_t n = read(fd, buffer + length, capacity - 1 - length);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            fail_errno("read", "config (fd %d)", fd);
        }
        if (n == 0) {
            buffer[length] = '\0';
            return buffer;
        }
        length += n;
    }
}

/* Splits the text (kept: the fields point into it) into lines of unescaped fields. */
static struct config parse_config(char *text) {
    struct config config = {0};
    size_t capacity = 0;
    for (char *next = text; next && *next;) {
        char *start = next;
        next = strchr(start, '\n');
        if (next) {
            *next++ = '\0';
        }
        if (*start == '\0') {
            continue;
        }
        int count = 1;
        for (char *c = start; *c; c++) {
            count += *c == '\t';
        }
        struct line line = {allocate(count + 1, sizeof(char *)), count};
        for (int i = 0; i < count; i++) {
            line.field[i] = strsep(&start, "\t");
            unescape(line.field[i]);
        }
        if (config.count == capacity) {
            capacity = capacity ? capacity * 2 : 64;
            config.lines = realloc(config.lines, sizeof(struct line) * capacity);
            if (config.lines == NULL) {
                fail("out of memory parsing the config");
            }
        }
        config.lines[config.count++] = line;
    }
    return config;
}

/* calloc, or the stage fails: nothing here can go on without its memory. */
void *allocate(size_t count, size_t size) {
    void *memory = calloc(count, size);
    if (memory == NULL) {
        fail("out of memory");
    }
    return memory;
}

/* The number of entries of a NULL-terminated list. */
size_t list_length(char **list) {
    size_t length = 0;
    while (list[length]) {
        length++;
    }
    return length;
}

/* True when the line has this key; a line too short for its key is the launcher's bug: fail. */
bool is_key(const struct line *line, const char *key, int fields) {
    if (strcmp(line->field[0], key) != 0) {
        return false;
    }
    if (line->count < fields) {
        fail("malformed config line \"%s\": %d fields, %d expected", key, line->count, fields);
    }
    return true;
}

/* The last line with the key wins, as in InitConfig.decode's map. */
const char *config_value(const struct config *config, const char *key, const char *fallback) {
    const char *value = fallback;
    for (size_t i = 0; i < config->count; i++) {
        if (is_key(&config->lines[i], key, 2)) {
            value = config->lines[i].field[1];
        }
    }
    return value;
}

/* Every value of a repeated key, NULL-terminated (argv, env, cap...). */
char **config_list(const struct config *config, const char *key) {
    char **list = allocate(config->count + 1, sizeof(char *));
    size_t n = 0;
    for (size_t i = 0; i < config->count; i++) {
        if (is_key(&config->lines[i], key, 2)) {
            list[n++] = config->lines[i].field[1];
        }
    }
    return list;
}

/* Boolean.parseBoolean: "true" in any case, everything else false. */
bool config_true(const struct config *config, const char *key) {
    return strcasecmp(config_value(config, key, "false"), "true") == 0;
}

static void say(const char *word) {
    char line[16];
    int length = snprintf(line, sizeof line, "%s\n", word);
    write_all(STATUS_FD, line, length, "the status pipe");
}

/* Blocks until the launcher's byte: it comes after the network is attached and the pty opened. */
static int wait_for_go_ahead(void) {
    unsigned char go;
    ssize_t n;
    do {
        n = read(GO_FD, &go, 1);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        fail_errno("read", "fd %d (the go-ahead)", GO_FD);
    }
    if (n == 0) {
        fail("the launcher went away before giving the go-ahead");
    }
    close(GO_FD);
    return go;
}

/* The cgroup.procs files, opened while the host's /sys is still reachable (before pivot_root). */
static int *open_cgroup_procs(char **files) {
    size_t count = list_length(files);
    int *fds = allocate(count + 1, sizeof(int));
    for (size_t i = 0; i < count; i++) {
        fds[i] = open(files[i], O_WRONLY | O_CLOEXEC);
        if (fds[i] < 0) {
            fail_errno("open", "%s", files[i]);
        }
    }
    fds[count] = -1;
    return fds;
}

/* The steps of ContainerInit.run, in its order. */
static void run(const struct config *config) {
    umask(022);
    // First of all: nothing mounted from here on may propagate back to the host.
    if (mount(NULL, "/", NULL, MS_REC | MS_SLAVE, NULL) < 0) {
        fail_errno("mount", "/");
    }
    char **cgroup_files = config_list(config, "cgroup");
    int *cgroup_fds = open_cgroup_procs(cgroup_files);
    const char *rootfs = config_value(config, "rootfs", NULL);
    if (rootfs == NULL || rootfs[0] == '\0') {
        fail("no rootfs in the init stage's config");
    }
    char **argv = config_list(config, "arg");
    char **env = config_list(config, "env");
    const char *working_dir = config_value(config, "cwd", "/");

    int root_fd = open_root(rootfs);
    mount_defaults(root_fd, config);
    mount_requested(root_fd, config);
    char *executable = resolve_executable(root_fd, argv, env, working_dir);
    make_working_directory(root_fd, working_dir);
    root_fd = pivot(root_fd, rootfs);
    apply_sysctls(root_fd, config);
    mask_and_protect_paths(root_fd);
    apply_read_only_rootfs(config);
    set_names(config);
    if (config_true(config, "newnet")) {
        loopback_up();
    }
    apply_rlimits(config);

    // Join the container's cgroup before "ready", not after the go-ahead as the JVM stage had to
    // (its ~40 MB would have counted against a small mem_limit; this program uses well under 1 MB):
    // a cgroup v1 move waits ~10 ms for an RCU grace period, which now overlaps the launcher's
    // network attach instead of delaying the execve. Then a cgroup namespace rooted there, so the
    // command sees "/" as its cgroup.
    for (int i = 0; cgroup_fds[i] >= 0; i++) {
        write_all(cgroup_fds[i], "0", 1, cgroup_files[i]);
        close(cgroup_fds[i]);
    }
    if (unshare(CLONE_NEWCGROUP) < 0) {
        fail_errno("unshare", "flags 0x%x", CLONE_NEWCGROUP);
    }
    mount_cgroup_fs(root_fd, config);

    say("ready");
    if (wait_for_go_ahead() == GO_WITH_TERMINAL) {
        take_terminal(FIRST_PTY, (uid_t) strtol(config_value(config, "uid", "0"), NULL, 10));
    }
    if (chdir(working_dir[0] ? working_dir : "/") < 0) {
        fail_working_dir(working_dir);
    }
    load_seccomp(config);
    drop_privileges(config);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL); // the mask survives execve
    // Only 0-2 reach the command: the config, status, go-ahead and this program's own memfd close.
    if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) < 0) {
        fail_errno("close_range", "3..");
    }
    say("exec");
    if (config_true(config, "init")) {
        run_as_init(executable, argv, env);
    }
    execve(executable, argv, env);
    fail_exec(executable);
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "resolve") == 0) {
        return print_resolution(argv[2], argv[3]);
    }
    char *text = read_to_end(CONFIG_FD);
    close(CONFIG_FD);
    struct config config = parse_config(text);
    if (argc > 1 && strcmp(argv[1], "exec") == 0) {
        run_exec(&config);
    }
    run(&config);
    return 127;
}
