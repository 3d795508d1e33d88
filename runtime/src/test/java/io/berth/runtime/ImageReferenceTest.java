package io.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Cases from docker/distribution's reference (normalize_test.go, reference_test.go). */
class ImageReferenceTest {
    private static final String HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @ParameterizedTest
    @CsvSource({
        "busybox,                     docker.io/library/busybox:latest,     busybox:latest",
        "busybox:1.36,                docker.io/library/busybox:1.36,       busybox:1.36",
        "library/busybox,             docker.io/library/busybox:latest,     busybox:latest",
        "docker.io/busybox,           docker.io/library/busybox:latest,     busybox:latest",
        "index.docker.io/busybox,     docker.io/library/busybox:latest,     busybox:latest",
        "user/app,                    docker.io/user/app:latest,            user/app:latest",
        "localhost/app,               localhost/app:latest,                 localhost/app:latest",
        "localhost:5000/app:v1,       localhost:5000/app:v1,                localhost:5000/app:v1",
        "127.0.0.1:5000/a/b/c:x,      127.0.0.1:5000/a/b/c:x,               127.0.0.1:5000/a/b/c:x",
        "ghcr.io/owner/img,           ghcr.io/owner/img:latest,             ghcr.io/owner/img:latest",
        "Foo/bar,                     Foo/bar:latest,                       Foo/bar:latest",
        "a__b/c-d.e_f:T_a.g-1,        docker.io/a__b/c-d.e_f:T_a.g-1,       a__b/c-d.e_f:T_a.g-1",
        "[::1]:5000/app,              [::1]:5000/app:latest,                [::1]:5000/app:latest",
    })
    void parsesLikeDocker(String text, String canonical, String familiar) {
        ImageReference reference = ImageReference.parse(text);
        assertEquals(canonical, reference.canonical());
        assertEquals(familiar, reference.familiar());
    }

    @Test
    void digestsWithAndWithoutTags() {
        ImageReference digestOnly = ImageReference.parse("busybox@sha256:" + HEX);
        assertNull(digestOnly.tag());
        assertEquals("docker.io/library/busybox@sha256:" + HEX, digestOnly.canonical());
        ImageReference both = ImageReference.parse("localhost:5000/app:v1@sha256:" + HEX);
        assertEquals("v1", both.tag());
        assertEquals(HEX, both.digest().hex());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Busybox", "busybox:", ":tag", "busybox@sha256:abc", "a//b", "-app", "app-",
        "app:-tag", "a/b:t/c", "UPPER/Case/Path", "busybox@md5:d41d8cd98f00b204e9800998ecf8427e", "app:" + "t" + HEX + HEX,
        "has space", "localhost:5000/", HEX})
    void rejectsWhatDockerRejects(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(text));
        assertTrue(e.getMessage().contains("invalid"), e.getMessage());
    }

    @Test
    void explainsTheCommonMistakes() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("MyApp"))
                .getMessage().contains("repository name must be lowercase"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(HEX))
                .getMessage().contains("64-byte hexadecimal"));
    }
}
