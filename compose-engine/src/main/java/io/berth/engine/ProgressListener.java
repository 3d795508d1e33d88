package io.berth.engine;

/**
 * Receives what the engine does, for the CLI to show: "Container demo-web-1  Started".
 * Called from several threads; implementations synchronize their output.
 */
public interface ProgressListener {
    /** @param kind "Container", "Network", "Volume", "Image"; {@code status} e.g. "Created" */
    void event(String kind, String name, String status);

    /** A remark worth one line, e.g. "web-1: PID 1 does not handle SIGTERM; killed at once". */
    void notice(String message);

    /** The listener of one image build (steps, cache, a RUN's output); the default shows nothing. */
    default io.berth.runtime.build.BuildListener build(String service, String image) {
        return io.berth.runtime.build.BuildListener.NONE;
    }

    ProgressListener SILENT = new ProgressListener() {
        @Override
        public void event(String kind, String name, String status) {
        }

        @Override
        public void notice(String message) {
        }
    };
}
