package io.berth.engine;

import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ImageReference;
import io.berth.runtime.NetworkSpec;
import io.berth.runtime.VolumeSpec;
import io.berth.runtime.build.BuildRequest;
import java.time.Duration;

/** One thing the executor does, with everything it needs and nothing left to decide. */
public sealed interface Action {
    /** "create container demo-web-1": how the plan prints it. */
    String describe();

    /** The service this action is for, or null for project-wide resources. */
    default String service() {
        return null;
    }

    /** @param buildable the service can build the image: a failed pull is a notice, and the build follows */
    record PullImage(String service, ImageReference image, boolean buildable) implements Action {
        public PullImage(String service, ImageReference image) {
            this(service, image, false);
        }

        public String describe() {
            return "pull image " + image.familiar() + (buildable ? " (built if the pull fails)" : "");
        }
    }

    /** Builds the service's image with the runtime's builder; the request names the image among its tags. */
    record BuildImage(String service, ImageReference image, BuildRequest request) implements Action {
        public String describe() {
            return "build image " + image.familiar();
        }
    }

    record CreateNetwork(NetworkSpec spec) implements Action {
        public String describe() {
            return "create network " + spec.name();
        }
    }

    record RemoveNetwork(String name) implements Action {
        public String describe() {
            return "remove network " + name;
        }
    }

    record CreateVolume(VolumeSpec spec) implements Action {
        public String describe() {
            return "create volume " + spec.name();
        }
    }

    record RemoveVolume(String name) implements Action {
        public String describe() {
            return "remove volume " + name;
        }
    }

    /** @param platform the service's {@code platform:}, or null (see {@code ImagePlatformCheck}) */
    record CreateContainer(String service, ContainerSpec spec, String platform) implements Action {
        public CreateContainer(String service, ContainerSpec spec) {
            this(service, spec, null);
        }

        public String describe() {
            return "create container " + spec.name();
        }
    }

    record StartContainer(String service, String container) implements Action {
        public String describe() {
            return "start container " + container;
        }
    }

    /** {@code signal}: the container's stop signal, for the message when PID 1 ignores it. */
    record StopContainer(String service, String container, Duration timeout, String signal) implements Action {
        public StopContainer {
            signal = signal == null ? "SIGTERM" : signal;
        }

        public String describe() {
            return "stop container " + container + " (timeout " + timeout.toSeconds() + "s)";
        }
    }

    /** Removes a stopped container; {@code volumes}: its anonymous volumes too. */
    record RemoveContainer(String service, String container, boolean volumes) implements Action {
        public String describe() {
            return "remove container " + container + (volumes ? " and its anonymous volumes" : "");
        }
    }

    /** Waits until {@code container} meets {@code condition}, because {@code dependent} needs it. */
    record WaitForContainer(String service, String container, DependencyCondition condition,
                            String dependent, Duration timeout) implements Action {
        public String describe() {
            return "wait for container " + container + " " + condition.composeName();
        }
    }
}
