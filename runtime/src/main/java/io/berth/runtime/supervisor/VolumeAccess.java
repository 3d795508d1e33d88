package io.berth.runtime.supervisor;

import java.nio.file.Path;

/** Where a named volume's data lives on the host, made on first use (Docker's local driver). */
public interface VolumeAccess {
    Path mountpoint(String volumeName);
}
