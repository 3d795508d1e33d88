package io.berth.cli;

/** Entry point of the berth command (the picocli command tree lives in BerthCommand). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Trace.mark("main");
        SupervisorWarmUp.startFor(args);
        int code = BerthCommand.run(args);
        Trace.mark("done");
        System.exit(code);
    }
}
