/*
 * The container's root as Docker sets it up. Every destination is resolved inside the root with
 * openat2(RESOLVE_IN_ROOT) and mounted through /proc/self/fd/N, so symbolic links in the image
 * (absolute, relative, "/../../etc") cannot point a mount or a write at the host: the kernel
 * resolves them as if the root were "/", as runc does with securejoin.
 */
#define _GNU_SOURCE
#include "berth-init.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define MAX_SYMLINKS 40

/* Docker's masked paths: /dev/null over files, an empty read-only tmpfs over directories. */
static const char *const MASKED[] = {"/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys",
    "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
    "/sys/firmware", "/sys/devices/virtual/powercap", NULL};
static const char *const READ_ONLY[] = {"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
    "/proc/sysrq-trigger", NULL};
static const struct { const char *name; unsigned major, minor; } DEVICES[] = {
    {"null", 1, 3}, {"zero", 1, 5}, {"full", 1, 7}, {"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0}};
static const struct { const char *name, *target; } DEVICE_LINKS[] = {
    {"fd", "/proc/self/fd"}, {"stdin", "/proc/self/fd/0"}, {"stdout", "/proc/self/fd/1"},
    {"stderr", "/proc/self/fd/2"}, {"ptmx", "pts/ptmx"}, {"core", "/proc/kcore"}};
/* Sysctls the container's own namespaces scope (net, IPC): any other would change the host. */
static const char *const NAMESPACED_SYSCTLS[] = {"net.", "kernel.shm", "kernel.msg", "kernel.sem",
    "fs.mqueue.", NULL};

/*
 * openat2 with the root as "/": symlinks and ".." never leave it, and magic links (/proc/PID/fd/N,
 * /proc/PID/root) are refused, since they could name anything. EAGAIN means a rename or mount
 * raced with the walk: the kernel asks to retry.
 */
int open_in_root(int root_fd, const char *path, int flags) {
    struct open_how how = {
        .flags = (unsigned long long) (flags | O_CLOEXEC),
        .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
    };
    long fd;
    int attempts = 0;
    do {
        fd = syscall(SYS_openat2, root_fd, path[0] ? path : "/", &how, sizeof how);
    } while (fd < 0 && errno == EAGAIN && ++attempts < 100);
    return (int) fd;
}

/*
 * The slow path of resolve_in_root for a path that does not fully exist: walks it one component
 * at a time (each step again through openat2 in the root), expanding symbolic links by hand so
 * that what is missing is created where the link leads, inside the root, as SecureJoin does.
 * "resolved" holds the real, link-free path walked so far.
 */
static int create_in_root(int root_fd, const char *path, enum create create) {
    char resolved[PATH_MAX] = "";
    char *todo = strdup(path);
    char *rest = todo;
    int links = 0;
    int fd = -1;
    while (rest != NULL) {
        while (*rest == '/') {
            rest++;
        }
        if (*rest == '\0') {
            break;
        }
        char *name = rest;
        rest = strchr(name, '/');
        if (rest) {
            *rest++ = '\0';
            while (*rest == '/') {
                rest++;
            }
            if (*rest == '\0') {
                rest = NULL;
            }
        }
        bool last = rest == NULL;
        if (strcmp(name, ".") == 0) {
            continue;
        }
        if (strcmp(name, "..") == 0) {
            char *slash = strrchr(resolved, '/');
            if (slash) {
                *slash = '\0';
            }
            continue;
        }
        char candidate[PATH_MAX];
        if ((size_t) snprintf(candidate, sizeof candidate, "%s/%s", resolved, name) >= sizeof candidate) {
            errno = ENAMETOOLONG;
            goto failed;
        }
        fd = open_in_root(root_fd, candidate, O_PATH | O_NOFOLLOW);
        if (fd < 0 && errno == ENOENT) {
            int parent = open_in_root(root_fd, resolved, O_PATH | O_DIRECTORY);
            if (parent < 0) {
                goto failed;
            }
            int made;
            if (last && create == CREATE_FILE) {
                made = openat(parent, name, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644);
                if (made >= 0) {
                    close(made);
                }
            } else {
                made = mkdirat(parent, name, 0755);
            }
            int saved = errno;
            close(parent);
            if (made < 0 && saved != EEXIST) {
                errno = saved;
                goto failed;
            }
            fd = open_in_root(root_fd, candidate, O_PATH | O_NOFOLLOW);
        }
        if (fd < 0) {
            goto failed;
        }
        struct stat status;
        if (fstat(fd, &status) < 0) {
            goto failed;
        }
        if (S_ISLNK(status.st_mode)) {
            char target[PATH_MAX];
            ssize_t length = readlinkat(fd, "", target, sizeof target - 1);
            close(fd);
            fd = -1;
            if (length < 0) {
                goto failed;
            }
            target[length] = '\0';
            if (++links > MAX_SYMLINKS) {
                errno = ELOOP;
                goto failed;
            }
            if (target[0] == '/') {
                resolved[0] = '\0';
            }
            // what is left to walk: the link's target, then the rest of the path
            char *expanded = malloc(strlen(target) + (rest ? strlen(rest) : 0) + 2);
            if (expanded == NULL) {
                goto failed;
            }
            sprintf(expanded, "%s/%s", target, rest ? rest : "");
            free(todo);
            todo = rest = expanded;
            continue;
        }
        if (!last && !S_ISDIR(status.st_mode)) {
            errno = ENOTDIR;
            goto failed;
        }
        if (last) {
            free(todo);
            return fd;
        }
        close(fd);
        fd = -1;
        strcpy(resolved, candidate);
    }
    free(todo);
    return open_in_root(root_fd, resolved, O_PATH);
failed:;
    int saved = errno;
    if (fd >= 0) {
        close(fd);
    }
    free(todo);
    errno = saved;
    return -1;
}

/*
 * An O_PATH descriptor for PATH inside the root. One openat2 when it exists (the usual case);
 * otherwise, when asked to, missing parents become directories (0755) and the last component
 * what CREATE says. -1 with errno on failure.
 */
int resolve_in_root(int root_fd, const char *path, enum create create) {
    int fd = open_in_root(root_fd, path, O_PATH);
    if (fd >= 0 || errno != ENOENT || create == CREATE_NOTHING) {
        return fd;
    }
    return create_in_root(root_fd, path, create);
}

/*
 * berth-init resolve ROOT PATH: prints the host path PATH resolves to inside ROOT (nothing
 * created), or "errno N". Mounts nothing; it exists so that SecureJoinAgreementTest can hold this
 * resolver and Java's SecureJoin to the same answers over the same hostile trees.
 */
int print_resolution(const char *root, const char *path) {
    int root_fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
    int fd = root_fd < 0 ? -1 : resolve_in_root(root_fd, path, CREATE_NOTHING);
    if (fd < 0) {
        printf("errno %d\n", errno);
        return 1;
    }
    char link[64];
    char target[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t length = readlink(link, target, sizeof target - 1);
    if (length < 0) {
        printf("errno %d\n", errno);
        return 1;
    }
    target[length] = '\0';
    printf("%s\n", target);
    return 0;
}

static int resolve_or_fail(int root_fd, const char *path, enum create create) {
    int fd = resolve_in_root(root_fd, path, create);
    if (fd < 0) {
        fail_errno("openat2", "%s in the container's root", path);
    }
    return fd;
}

/* mount(2) onto what DESTINATION resolves to inside the root, through its descriptor. */
static void mount_at(int root_fd, const char *destination, enum create create, const char *source,
                     const char *type, unsigned long flags, const char *data) {
    int fd = resolve_or_fail(root_fd, destination, create);
    char target[32];
    snprintf(target, sizeof target, "/proc/self/fd/%d", fd);
    if (mount(source, target, type, flags, data) < 0) {
        fail_errno("mount", "%s%s%s", type ? type : "", type ? " " : "", destination);
    }
    close(fd);
}

/* Changes a mount made a moment ago: resolved again, so the descriptor is the new mount's root. */
static void remount_at(int root_fd, const char *destination, unsigned long flags) {
    mount_at(root_fd, destination, CREATE_NOTHING, NULL, NULL, flags, NULL);
}

int open_root(const char *rootfs) {
    int fd = open(rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        fail_errno("open", "%s", rootfs);
    }
    return fd;
}

/* /dev's device nodes (mode 0666 whatever the umask), its links and the directories mounted next. */
static void populate_dev(int root_fd) {
    int dev = resolve_or_fail(root_fd, "/dev", CREATE_NOTHING);
    for (size_t i = 0; i < sizeof DEVICES / sizeof DEVICES[0]; i++) {
        const char *name = DEVICES[i].name;
        if (mknodat(dev, name, S_IFCHR | 0666, makedev(DEVICES[i].major, DEVICES[i].minor)) < 0) {
            fail_errno("mknodat", "/dev/%s", name);
        }
        if (fchmodat(dev, name, 0666, 0) < 0) {
            fail_errno("fchmodat", "/dev/%s", name);
        }
    }
    for (size_t i = 0; i < sizeof DEVICE_LINKS / sizeof DEVICE_LINKS[0]; i++) {
        if (symlinkat(DEVICE_LINKS[i].target, dev, DEVICE_LINKS[i].name) < 0) {
            fail_errno("symlinkat", "/dev/%s -> %s", DEVICE_LINKS[i].name, DEVICE_LINKS[i].target);
        }
    }
    static const char *const DIRECTORIES[] = {"pts", "shm", "mqueue"};
    for (size_t i = 0; i < 3; i++) {
        if (mkdirat(dev, DIRECTORIES[i], 0755) < 0) {
            fail_errno("mkdirat", "/dev/%s", DIRECTORIES[i]);
        }
    }
    close(dev);
}

void mount_defaults(int root_fd, const struct config *config) {
    mount_at(root_fd, "/proc", CREATE_DIRECTORY, "proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
    mount_at(root_fd, "/dev", CREATE_DIRECTORY, "tmpfs", "tmpfs", MS_NOSUID | MS_STRICTATIME,
             "mode=755,size=65536k");
    populate_dev(root_fd);
    mount_at(root_fd, "/dev/pts", CREATE_DIRECTORY, "devpts", "devpts", MS_NOSUID | MS_NOEXEC,
             "newinstance,ptmxmode=0666,mode=0620,gid=5");
    char shm[64];
    snprintf(shm, sizeof shm, "mode=1777,size=%s", config_value(config, "shm", "67108864"));
    mount_at(root_fd, "/dev/shm", CREATE_DIRECTORY, "shm", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, shm);
    mount_at(root_fd, "/dev/mqueue", CREATE_DIRECTORY, "mqueue", "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
    mount_at(root_fd, "/sys", CREATE_DIRECTORY, "sysfs", "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
}

/* Whether the comma-separated mount(8) options hold WORD. */
static bool has_word(const char *words, const char *word) {
    size_t length = strlen(word);
    for (const char *at = words; *at;) {
        const char *end = strchrnul(at, ',');
        if ((size_t) (end - at) == length && strncmp(at, word, length) == 0) {
            return true;
        }
        at = *end ? end + 1 : end;
    }
    return false;
}

/* ro, nosuid, nodev, noexec, noatime, nodiratime, strictatime, relatime; other words ignored. */
static unsigned long mount_flags(const char *words) {
    static const struct { const char *word; unsigned long flag; } FLAGS[] = {
        {"ro", MS_RDONLY}, {"nosuid", MS_NOSUID}, {"nodev", MS_NODEV}, {"noexec", MS_NOEXEC},
        {"noatime", MS_NOATIME}, {"nodiratime", MS_NODIRATIME}, {"strictatime", MS_STRICTATIME},
        {"relatime", MS_RELATIME}};
    unsigned long flags = 0;
    for (size_t i = 0; i < sizeof FLAGS / sizeof FLAGS[0]; i++) {
        if (has_word(words, FLAGS[i].word)) {
            flags |= FLAGS[i].flag;
        }
    }
    return flags;
}

/* The first of [r]private, [r]slave, [r]shared, as flags; 0 when none is given. */
static unsigned long propagation(const char *words) {
    for (const char *at = words; *at;) {
        const char *end = strchrnul(at, ',');
        size_t length = end - at;
        unsigned long recursive = 0;
        if (length > 1 && at[0] == 'r' && !(length == 2 && at[1] == 'o')) {
            recursive = MS_REC;
            at++;
            length--;
        }
        if (length == 7 && strncmp(at, "private", 7) == 0) {
            return MS_PRIVATE | recursive;
        }
        if (length == 5 && strncmp(at, "slave", 5) == 0) {
            return MS_SLAVE | recursive;
        }
        if (length == 6 && strncmp(at, "shared", 6) == 0) {
            return MS_SHARED | recursive;
        }
        at = *end ? end + 1 : end;
    }
    return 0;
}

/* As Files.isDirectory on the host: links followed, false when missing. */
static bool is_directory(const char *host_path) {
    struct stat status;
    return stat(host_path, &status) == 0 && S_ISDIR(status.st_mode);
}

/* The request's own mounts, in order: bind (recursive unless "bind"), tmpfs or any type. */
void mount_requested(int root_fd, const struct config *config) {
    for (size_t i = 0; i < config->count; i++) {
        const struct line *line = &config->lines[i];
        if (!is_key(line, "mount", 6)) {
            continue;
        }
        const char *type = line->field[1], *source = line->field[2], *destination = line->field[3];
        const char *words = line->field[4], *data = line->field[5];
        unsigned long flags = mount_flags(words);
        if (strcmp(type, "bind") == 0) {
            unsigned long bind = MS_BIND | (has_word(words, "bind") ? 0 : MS_REC);
            mount_at(root_fd, destination, is_directory(source) ? CREATE_DIRECTORY : CREATE_FILE, source, NULL,
                     bind, NULL);
            if (flags != 0) {
                remount_at(root_fd, destination, MS_BIND | MS_REMOUNT | flags);
            }
        } else {
            mount_at(root_fd, destination, CREATE_DIRECTORY, source[0] ? source : type, type, flags,
                     data[0] ? data : NULL);
        }
        unsigned long shared = propagation(words);
        if (shared != 0) {
            remount_at(root_fd, destination, shared);
        }
    }
}

/* Docker creates the working directory when the image lacks it. */
void make_working_directory(int root_fd, const char *working_dir) {
    if (working_dir[0] != '\0' && strcmp(working_dir, "/") != 0) {
        int fd = resolve_in_root(root_fd, working_dir, CREATE_DIRECTORY);
        if (fd < 0) {
            fail_working_dir(working_dir);
        }
        struct stat status;
        if (fstat(fd, &status) == 0 && !S_ISDIR(status.st_mode)) {
            errno = ENOTDIR; // a file there: found here rather than at the chdir after the go-ahead
            fail_working_dir(working_dir);
        }
        close(fd);
    }
}

/*
 * pivot_root(".", ".") as runc does it: the old root stacked on the new one, then detached.
 * Returns a descriptor of the new "/".
 */
int pivot(int root_fd, const char *rootfs) {
    if (fchdir(root_fd) < 0) {
        fail_errno("fchdir", "%s", rootfs);
    }
    if (syscall(SYS_pivot_root, ".", ".") < 0) {
        fail_errno("pivot_root", ".");
    }
    if (mount(NULL, ".", NULL, MS_REC | MS_SLAVE, NULL) < 0) {
        fail_errno("mount", ".");
    }
    if (umount2(".", MNT_DETACH) < 0) {
        fail_errno("umount2", ".");
    }
    if (chdir("/") < 0) {
        fail_errno("chdir", "/");
    }
    close(root_fd);
    return open_root("/");
}

static bool is_namespaced(const char *key) {
    for (int i = 0; NAMESPACED_SYSCTLS[i]; i++) {
        if (strncmp(key, NAMESPACED_SYSCTLS[i], strlen(NAMESPACED_SYSCTLS[i])) == 0) {
            return true;
        }
    }
    return false;
}

/* Written before /proc/sys turns read-only; opened inside the root, so no link leads elsewhere. */
void apply_sysctls(int root_fd, const struct config *config) {
    for (size_t i = 0; i < config->count; i++) {
        const struct line *line = &config->lines[i];
        if (!is_key(line, "sysctl", 3)) {
            continue;
        }
        const char *key = line->field[1], *value = line->field[2];
        if (!is_namespaced(key) || strstr(key, "..") != NULL) {
            fail("sysctl %s is not namespaced: it would change the host", key);
        }
        char path[PATH_MAX];
        snprintf(path, sizeof path, "/proc/sys/%s", key);
        for (char *c = path + strlen("/proc/sys/"); *c; c++) {
            if (*c == '.') {
                *c = '/';
            }
        }
        int fd = open_in_root(root_fd, path, O_WRONLY | O_TRUNC);
        if (fd < 0) {
            fail_errno("open", "%s", path);
        }
        write_all(fd, value, strlen(value), path);
        close(fd);
    }
}

/* -1 when PATH does not exist inside the root; any other failure is fatal. */
static int open_if_exists(int root_fd, const char *path) {
    int fd = resolve_in_root(root_fd, path, CREATE_NOTHING);
    if (fd < 0 && errno != ENOENT) {
        fail_errno("openat2", "%s in the container's root", path);
    }
    return fd;
}

void mask_and_protect_paths(int root_fd) {
    char target[32];
    for (int i = 0; MASKED[i]; i++) {
        int fd = open_if_exists(root_fd, MASKED[i]);
        if (fd < 0) {
            continue;
        }
        struct stat status;
        if (fstat(fd, &status) < 0) {
            fail_errno("fstat", "%s", MASKED[i]);
        }
        snprintf(target, sizeof target, "/proc/self/fd/%d", fd);
        if (S_ISDIR(status.st_mode)) {
            if (mount("tmpfs", target, "tmpfs", MS_RDONLY, NULL) < 0) {
                fail_errno("mount", "tmpfs %s", MASKED[i]);
            }
        } else if (mount("/dev/null", target, NULL, MS_BIND, NULL) < 0) {
            fail_errno("mount", "%s", MASKED[i]);
        }
        close(fd);
    }
    for (int i = 0; READ_ONLY[i]; i++) {
        int fd = open_if_exists(root_fd, READ_ONLY[i]);
        if (fd < 0) {
            continue;
        }
        snprintf(target, sizeof target, "/proc/self/fd/%d", fd);
        if (mount(target, target, NULL, MS_BIND | MS_REC, NULL) < 0) {
            fail_errno("mount", "%s", READ_ONLY[i]);
        }
        close(fd);
        remount_at(root_fd, READ_ONLY[i], MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC);
    }
}

void apply_read_only_rootfs(const struct config *config) {
    if (config_true(config, "rorootfs") && mount(NULL, "/", NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL) < 0) {
        fail_errno("mount", "/ (read-only root)");
    }
}

/*
 * /sys/fs/cgroup read-only, as the container's cgroup namespace shows it (its own cgroup as the
 * root): how programs such as a JVM find their memory and CPU limits. After pivot_root and the
 * cgroup namespace, so only the container's own part of the hierarchy is reachable.
 */
void mount_cgroup_fs(int root_fd, const struct config *config) {
    size_t hierarchies = 0;
    const struct line *first = NULL;
    for (size_t i = 0; i < config->count; i++) {
        if (is_key(&config->lines[i], "cgroupfs", 4)) {
            first = first ? first : &config->lines[i];
            hierarchies++;
        }
    }
    if (hierarchies == 0) {
        return;
    }
    unsigned long flags = MS_NOSUID | MS_NODEV | MS_NOEXEC;
    if (hierarchies == 1 && strcmp(first->field[1], "cgroup2") == 0) {
        mount_at(root_fd, "/sys/fs/cgroup", CREATE_NOTHING, "cgroup2", "cgroup2", flags | MS_RDONLY, NULL);
        return;
    }
    mount_at(root_fd, "/sys/fs/cgroup", CREATE_NOTHING, "tmpfs", "tmpfs", flags, "mode=755,size=64k");
    int directory = resolve_or_fail(root_fd, "/sys/fs/cgroup", CREATE_NOTHING);
    for (size_t i = 0; i < config->count; i++) {
        const struct line *line = &config->lines[i];
        if (is_key(line, "cgroupfs", 4) && mkdirat(directory, line->field[3], 0755) < 0) {
            fail_errno("mkdirat", "/sys/fs/cgroup/%s", line->field[3]);
        }
    }
    close(directory);
    for (size_t i = 0; i < config->count; i++) {
        const struct line *line = &config->lines[i];
        if (is_key(line, "cgroupfs", 4)) {
            char path[PATH_MAX];
            snprintf(path, sizeof path, "/sys/fs/cgroup/%s", line->field[3]);
            mount_at(root_fd, path, CREATE_NOTHING, "cgroup", line->field[1], flags | MS_RDONLY, line->field[2]);
        }
    }
    remount_at(root_fd, "/sys/fs/cgroup", MS_REMOUNT | MS_RDONLY | flags);
}
