package io.berth.runtime;

import io.berth.runtime.linux.HostProcess;
import io.berth.runtime.linux.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What a process that outlives its command (the CLI server, like the supervisor) does first: a fixed
 * umask whoever started it, and its directory for Berth's user only.
 */
public final class LongLivedProcess {
    private LongLivedProcess() {
    }

    public static void fixUmask() {
        HostProcess.fixUmask();
    }

    /** Creates {@code directory} if needed and makes it 0700. */
    public static Path privateDirectory(Path directory) throws IOException {
        return PrivateFiles.directory(directory);
    }
}
