package io.berth.runtime.linux;

import com.sun.jna.Memory;
import com.sun.jna.StringArray;
import io.berth.runtime.linux.ProcessCalls.FdAction;
import io.berth.runtime.linux.ProcessCalls.SpawnOptions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** glibc's posix_spawn with its file actions and attributes: how {@link ProcessCalls#spawn} starts a child. */
final class PosixSpawn {
    // <spawn.h> (glibc)
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final short POSIX_SPAWN_SETSID = 0x80;
    // glibc's posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336: room to spare.
    private static final int FILE_ACTIONS_SIZE = 256;
    private static final int ATTRIBUTES_SIZE = 1024;
    private static final int SIGSET_SIZE = 128;

    private PosixSpawn() {
    }

    /** The highest descriptor the actions leave open in the child (at least 2: stdio stays). */
    static int highestKept(List<FdAction> actions) {
        Set<Integer> open = new TreeSet<>();
        for (FdAction action : actions) {
            if (action.kind() == FdAction.Kind.CLOSE) {
                open.remove(action.fd());
            } else {
                open.add(action.fd());
            }
        }
        int highest = 2;
        for (int fd : open) {
            highest = Math.max(highest, fd);
        }
        return highest;
    }

    /** See {@link ProcessCalls#spawn}. */
    static long spawn(String path, List<String> argv, List<String> env, SpawnOptions options) {
        Memory actions = new Memory(FILE_ACTIONS_SIZE);
        Memory attributes = new Memory(ATTRIBUTES_SIZE);
        Memory emptySet = new Memory(SIGSET_SIZE);
        Memory fullSet = new Memory(SIGSET_SIZE);
        check("posix_spawn_file_actions_init", path, LibCProcess.posix_spawn_file_actions_init(actions));
        check("posix_spawnattr_init", path, LibCProcess.posix_spawnattr_init(attributes));
        try {
            for (FdAction action : options.fdActions()) {
                int rc = switch (action.kind()) {
                    case DUP2 -> LibCProcess.posix_spawn_file_actions_adddup2(actions, action.sourceFd(), action.fd());
                    case OPEN -> LibCProcess.posix_spawn_file_actions_addopen(actions, action.fd(), action.path(),
                            action.flags(), action.mode());
                    case CLOSE -> LibCProcess.posix_spawn_file_actions_addclose(actions, action.fd());
                };
                check("posix_spawn_file_actions", action.toString(), rc);
            }
            // Only the descriptors the actions name reach the child: closing the rest in the child
            // (not marking the parent's close-on-exec, which races with the JDK's own spawns).
            int closeFrom = highestKept(options.fdActions()) + 1;
            check("posix_spawn_file_actions_addclosefrom_np", String.valueOf(closeFrom),
                    LibCProcess.posix_spawn_file_actions_addclosefrom_np(actions, closeFrom));
            if (options.workingDir() != null) {
                check("posix_spawn_file_actions_addchdir_np", options.workingDir(),
                        LibCProcess.posix_spawn_file_actions_addchdir_np(actions, options.workingDir()));
            }
            LibC.sigemptyset(emptySet);
            LibCProcess.sigfillset(fullSet);
            short flags = (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
                    | (options.newSession() ? POSIX_SPAWN_SETSID : 0));
            check("posix_spawnattr_setsigmask", path, LibCProcess.posix_spawnattr_setsigmask(attributes, emptySet));
            check("posix_spawnattr_setsigdefault", path, LibCProcess.posix_spawnattr_setsigdefault(attributes, fullSet));
            check("posix_spawnattr_setflags", path, LibCProcess.posix_spawnattr_setflags(attributes, flags));
            int[] pid = new int[1];
            StringArray argvArray = new StringArray(argv.toArray(String[]::new), "UTF-8");
            StringArray envArray = new StringArray(env.toArray(String[]::new), "UTF-8");
            check("posix_spawn", path, LibCProcess.posix_spawn(pid, path, actions, attributes, argvArray, envArray));
            return pid[0];
        } finally {
            LibCProcess.posix_spawn_file_actions_destroy(actions);
            LibCProcess.posix_spawnattr_destroy(attributes);
        }
    }

    private static void check(String call, String subject, int errorNumber) {
        if (errorNumber != 0) {
            throw new LinuxException(call, subject, errorNumber);
        }
    }
}
