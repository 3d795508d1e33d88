/*
 * The process around the command: the executable's path, host and domain name, the loopback
 * interface, resource limits, the terminal, then credentials and capabilities (as
 * ProcessSetup.dropPrivileges and ThreadCredentials did in the Java stage).
 */
#define _GNU_SOURCE
#include "berth-init.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <grp.h>
#include <sys/syscall.h>
#include <unistd.h>

#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/* RLIMIT_* names by resource number: the only table of them (Java passes the names as written). */
static const char *const RLIMITS[] = {"CPU", "FSIZE", "DATA", "STACK", "CORE", "RSS", "NPROC", "NOFILE",
    "MEMLOCK", "AS", "LOCKS", "SIGPENDING", "MSGQUEUE", "NICE", "RTPRIO", "RTTIME"};

void write_all(int fd, const char *text, size_t length, const char *shown) {
    while (length > 0) {
        ssize_t n = write(fd, text, length);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            fail_errno("write", "%s", shown);
        }
        text += n;
        length -= n;
    }
}

/* A regular file with an execute bit, found inside the root (links resolved there). */
static bool is_executable_file(int root_fd, const char *candidate) {
    int fd = resolve_in_root(root_fd, candidate, CREATE_NOTHING);
    if (fd < 0) {
        return false;
    }
    struct stat status;
    bool executable = fstat(fd, &status) == 0 && S_ISREG(status.st_mode) && (status.st_mode & 0111) != 0;
    close(fd);
    return executable;
}

/*
 * A command named by a path (it has a slash): it must exist inside the root (a relative one from
 * the working directory), not be a directory, and have an execute bit, as Docker's runtime checks
 * before its execve. Words and exit codes as Docker's (docs/security.md).
 */
static void check_command_path(int root_fd, const char *command, const char *working_dir) {
    char *path = allocate(strlen(command) + strlen(working_dir) + 2, 1);
    if (command[0] == '/') {
        strcpy(path, command);
    } else {
        sprintf(path, "%s/%s", working_dir, command);
    }
    char reason[128];
    int fd = resolve_in_root(root_fd, path, CREATE_NOTHING);
    if (fd < 0) {
        int error = errno;
        int code = command_exit_code(error);
        fail_command(code ? code : COMMAND_NOT_FOUND, "exec: \"%s\": stat %s: %s", command, command,
                     lower_strerror(error, reason, sizeof reason));
    }
    struct stat status;
    if (fstat(fd, &status) < 0) {
        fail_errno("fstat", "%s", command);
    }
    close(fd);
    free(path);
    if (S_ISDIR(status.st_mode)) {
        fail_command(COMMAND_NOT_EXECUTABLE, "exec: \"%s\": is a directory", command);
    }
    if ((status.st_mode & 0111) == 0) {
        fail_command(COMMAND_NOT_EXECUTABLE, "exec: \"%s\": permission denied", command);
    }
}

/*
 * argv[0] as a path to execve: itself when it has a slash (checked: check_command_path), else the
 * first match in the container's PATH (the last PATH= of env), looked up inside its root, as
 * Docker's runtime does. PATH is split as Java's split(":") did: trailing empty entries dropped,
 * others mean ".".
 */
char *resolve_executable(int root_fd, char **argv, char **env, const char *working_dir) {
    const char *command = argv[0];
    if (command == NULL || command[0] == '\0') {
        fail("no command: the image has no ENTRYPOINT or CMD and none was given");
    }
    if (strchr(command, '/') != NULL) {
        check_command_path(root_fd, command, working_dir[0] ? working_dir : "/");
        return (char *) command;
    }
    const char *path = DEFAULT_PATH;
    for (char **entry = env; *entry; entry++) {
        if (strncmp(*entry, "PATH=", 5) == 0) {
            path = *entry + 5;
        }
    }
    size_t end = strlen(path);
    while (end > 0 && path[end - 1] == ':') {
        end--;
    }
    for (size_t start = 0; start <= end;) {
        size_t length = strcspn(path + start, ":");
        if (start + length > end) {
            length = end - start;
        }
        char *candidate = allocate(length + strlen(command) + 3, 1);
        if (length == 0) {
            sprintf(candidate, "./%s", command);
        } else {
            sprintf(candidate, "%.*s/%s", (int) length, path + start, command);
        }
        if (is_executable_file(root_fd, candidate)) {
            return candidate;
        }
        free(candidate);
        start += length + 1;
        if (end == 0) {
            break;
        }
    }
    fail_command(COMMAND_NOT_FOUND, "exec: \"%s\": executable file not found in $PATH", command);
}

/*
 * After a failed execve (the command was found and has an execute bit, but the kernel will not run
 * it: no format it knows, a missing #! interpreter): as with Docker, the command counts as started
 * and exits 1 with the reason on its own stderr ("exec /app/run.sh: no such file or directory").
 * The status pipe closes without a word, so the launcher sees the exec; the exit is the container's.
 */
_Noreturn void fail_exec(const char *executable) {
    int error = errno;
    char reason[128];
    dprintf(STDERR_FILENO, "exec %s: %s\n", executable, lower_strerror(error, reason, sizeof reason));
    close(STATUS_FD);
    _exit(1);
}

/*
 * The working directory is a file, or cannot be made: the command cannot start there. Docker's
 * runtime fails its chdir with ENOTDIR, which Docker reports as exit code 127.
 */
_Noreturn void fail_working_dir(const char *working_dir) {
    int error = errno;
    int code = command_exit_code(error);
    if (code == 0) {
        errno = error;
        fail_errno("chdir", "%s", working_dir);
    }
    char reason[128];
    const char *name = strerrorname_np(error);
    fail_command(error == EACCES ? COMMAND_NOT_EXECUTABLE : COMMAND_NOT_FOUND,
                 "chdir to the working directory \"%s\": %s (%s)", working_dir,
                 lower_strerror(error, reason, sizeof reason), name ? name : "?");
}

/* Needs the UTS namespace the launcher made: in the host's, this would rename the host. */
void set_names(const struct config *config) {
    const char *hostname = config_value(config, "hostname", "");
    const char *domainname = config_value(config, "domainname", "");
    if (hostname[0] && sethostname(hostname, strlen(hostname)) < 0) {
        fail_errno("sethostname", "%s", hostname);
    }
    if (domainname[0] && setdomainname(domainname, strlen(domainname)) < 0) {
        fail_errno("setdomainname", "%s", domainname);
    }
}

/* lo of the container's new network namespace starts down. */
void loopback_up(void) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        fail_errno("socket", "AF_INET");
    }
    struct ifreq request = {0};
    strcpy(request.ifr_name, "lo");
    if (ioctl(fd, SIOCGIFFLAGS, &request) < 0) {
        fail_errno("ioctl", "SIOCGIFFLAGS lo");
    }
    request.ifr_flags |= IFF_UP | IFF_RUNNING;
    if (ioctl(fd, SIOCSIFFLAGS, &request) < 0) {
        fail_errno("ioctl", "SIOCSIFFLAGS lo up");
    }
    close(fd);
}

/* NAME without a case-insensitive PREFIX, upper-cased into OUT. */
static void bare_upper(const char *name, const char *prefix, char *out, size_t size) {
    size_t skip = strncasecmp(name, prefix, strlen(prefix)) == 0 ? strlen(prefix) : 0;
    size_t i = 0;
    for (const char *c = name + skip; *c && i + 1 < size; c++) {
        out[i++] = (char) toupper((unsigned char) *c);
    }
    out[i] = '\0';
}

/* "nofile", "NOFILE" or "RLIMIT_NOFILE"; -1 means unlimited (RLIM_INFINITY is all ones). */
void apply_rlimits(const struct config *config) {
    for (size_t i = 0; i < config->count; i++) {
        const struct line *line = &config->lines[i];
        if (!is_key(line, "rlimit", 4)) {
            continue;
        }
        char bare[32];
        bare_upper(line->field[1], "RLIMIT_", bare, sizeof bare);
        int resource = -1;
        for (int r = 0; r < (int) (sizeof RLIMITS / sizeof RLIMITS[0]); r++) {
            if (strcmp(bare, RLIMITS[r]) == 0) {
                resource = r;
            }
        }
        if (resource < 0) {
            fail("unknown rlimit: %s", line->field[1]);
        }
        struct rlimit limit = {(rlim_t) strtoll(line->field[2], NULL, 10), (rlim_t) strtoll(line->field[3], NULL, 10)};
        if (setrlimit(resource, &limit) < 0) {
            fail_errno("setrlimit", "%s %s:%s", line->field[1], line->field[2], line->field[3]);
        }
    }
}

/*
 * The pty slave at PATH becomes stdin, stdout and stderr, and (opened without O_NOCTTY by this
 * session leader) the controlling terminal; owned by the container's user, as Docker does.
 */
void take_terminal(const char *path, uid_t uid) {
    int slave = open(path, O_RDWR | O_CLOEXEC);
    if (slave < 0) {
        fail_errno("open", "%s", path);
    }
    if (fchown(slave, uid, (gid_t) -1) < 0) {
        fail_errno("fchown", "%s to %d", path, (int) uid);
    }
    for (int fd = 0; fd <= 2; fd++) {
        if (dup2(slave, fd) < 0) {
            fail_errno("dup2", "%s to %d", path, fd);
        }
    }
    close(slave);
}

/* The highest capability this kernel knows; the headers' CAP_LAST_CAP when /proc does not say. */
static int last_capability(void) {
    int fd = open("/proc/sys/kernel/cap_last_cap", O_RDONLY | O_CLOEXEC);
    char text[16] = "";
    ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof text - 1);
    if (fd >= 0) {
        close(fd);
    }
    if (n <= 0 || !isdigit((unsigned char) text[0])) {
        return CAP_LAST_CAP;
    }
    return atoi(text);
}

/*
 * The "cap" lines are bit numbers: Java's Capabilities is the one table of names, and resolves
 * names and ALL before the config is written (docs/runtime-layout.md).
 */
static unsigned long long capability_mask(char **numbers) {
    unsigned long long mask = 0;
    for (char **number = numbers; *number; number++) {
        char *end;
        long bit = strtol(*number, &end, 10);
        if (end == *number || *end != '\0' || bit < 0 || bit > 63) {
            fail("not a capability number: %s", *number);
        }
        mask |= 1ULL << bit;
    }
    return mask;
}

static void prctl_or_fail(const char *what, int option, unsigned long arg2, unsigned long arg3) {
    if (prctl(option, arg2, arg3, 0, 0) < 0) {
        fail_errno("prctl", "%s", what);
    }
}

/* effective = permitted = KEEP, nothing inheritable (capset has no glibc wrapper). */
static void set_capabilities(unsigned long long keep) {
    struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2] = {
        {(__u32) keep, (__u32) keep, 0},
        {(__u32) (keep >> 32), (__u32) (keep >> 32), 0},
    };
    if (syscall(SYS_capset, &header, data) < 0) {
        fail_errno("capset", "0x%llx", keep);
    }
}

/*
 * Bounding set first (needs CAP_SETPCAP), then groups, gid, uid (keeping the permitted set across
 * the switch away from uid 0), then effective = permitted = the container's set with nothing
 * inheritable or ambient. After execve a root process holds exactly that set; any other user
 * none, as with Docker. This process has one thread, so glibc's set*id wrappers are per thread.
 */
void drop_privileges(const struct config *config) {
    int last = last_capability();
    unsigned long long keep = capability_mask(config_list(config, "cap"));
    for (int cap = 0; cap <= last; cap++) {
        if ((keep & (1ULL << cap)) == 0 && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0) {
            fail_errno("prctl", "PR_CAPBSET_DROP %d", cap);
        }
    }
    prctl_or_fail("PR_CAP_AMBIENT_CLEAR_ALL", PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0);
    char **group_names = config_list(config, "group");
    size_t count = list_length(group_names);
    gid_t *groups = allocate(count + 1, sizeof(gid_t));
    for (size_t i = 0; i < count; i++) {
        groups[i] = (gid_t) strtol(group_names[i], NULL, 10);
    }
    if (setgroups(count, groups) < 0) {
        fail_errno("setgroups", "%zu groups", count);
    }
    gid_t gid = (gid_t) strtol(config_value(config, "gid", "0"), NULL, 10);
    uid_t uid = (uid_t) strtol(config_value(config, "uid", "0"), NULL, 10);
    if (setresgid(gid, gid, gid) < 0) {
        fail_errno("setresgid", "%u", gid);
    }
    prctl_or_fail("PR_SET_KEEPCAPS", PR_SET_KEEPCAPS, 1, 0);
    if (setresuid(uid, uid, uid) < 0) {
        fail_errno("setresuid", "%u", uid);
    }
    set_capabilities(keep);
    if (config_true(config, "nnp")) {
        prctl_or_fail("PR_SET_NO_NEW_PRIVS", PR_SET_NO_NEW_PRIVS, 1, 0);
    }
}
