package io.berth.runtime.init;

import io.berth.runtime.linux.Capabilities;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.Mounts;
import io.berth.runtime.linux.ThreadCredentials;

/** The last steps before execve: working directory, groups, user, capabilities, no_new_privs. */
final class ProcessSetup {
    private ProcessSetup() {
    }

    /**
     * The pty slave at {@code path} becomes stdin, stdout and stderr, and (opened without O_NOCTTY
     * by this session leader) the controlling terminal; owned by the container's user, as Docker does.
     */
    static void takeTerminal(String path, int uid) {
        int slave = FdCalls.open(path, FdCalls.O_RDWR, 0);
        FdCalls.chown(slave, uid, -1);
        for (int fd = 0; fd <= 2; fd++) {
            FdCalls.dup2(slave, fd);
        }
        FdCalls.closeQuietly(slave);
    }

    static void enterWorkingDirectory(String workingDir) {
        Mounts.chdir(workingDir == null || workingDir.isEmpty() ? "/" : workingDir);
    }

    /**
     * Bounding set first (needs CAP_SETPCAP), then groups, gid, uid (keeping the permitted set),
     * then effective = permitted = the container's set with nothing inheritable or ambient. After
     * execve a root process holds exactly that set; any other user none, as with Docker.
     */
    static void dropPrivileges(InitConfig config) {
        long keep = Capabilities.mask(config.capabilities());
        ThreadCredentials.limitBoundingSet(keep);
        ThreadCredentials.clearAmbient();
        int[] groups = new int[config.groups().size()];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = config.groups().get(i);
        }
        ThreadCredentials.setGroups(groups);
        ThreadCredentials.setGid(config.gid());
        ThreadCredentials.setUid(config.uid());
        ThreadCredentials.setCapabilities(keep, keep, 0);
        if (config.noNewPrivileges()) {
            ThreadCredentials.setNoNewPrivileges();
        }
    }
}
