package io.berth.runtime.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.copy.CopyRules.PathKind;
import io.berth.runtime.copy.CopyRules.Target;
import org.junit.jupiter.api.Test;

/** Where docker cp puts a copy, case by case of its documented rules. */
class CopyRulesTest {
    private static final PathKind DIR = PathKind.DIRECTORY;
    private static final PathKind FILE = PathKind.FILE;
    private static final PathKind MISSING = PathKind.MISSING;

    @Test
    void aFileOntoAMissingPathTakesThatName() {
        assertEquals(new Target("/out", "copy.txt"), CopyRules.target("/etc/hosts", FILE, "/out/copy.txt", MISSING, DIR));
    }

    @Test
    void aFileIntoAnExistingDirectoryKeepsItsName() {
        assertEquals(new Target("/out", "hosts"), CopyRules.target("/etc/hosts", FILE, "/out", DIR, DIR));
        assertEquals(new Target("/out/", "hosts"), CopyRules.target("/etc/hosts", FILE, "/out/", DIR, DIR));
    }

    @Test
    void aFileOntoAnExistingFileReplacesIt() {
        assertEquals(new Target("/out", "old"), CopyRules.target("/etc/hosts", FILE, "/out/old", FILE, DIR));
    }

    @Test
    void aFileToAMissingDirectoryWithATrailingSlashFails() {
        var failure = assertThrows(RuntimeOperationException.class,
                () -> CopyRules.target("/etc/hosts", FILE, "/out/new/", MISSING, DIR));
        assertTrue(failure.getMessage().contains("/out/new/ does not exist"), failure.getMessage());
    }

    @Test
    void aMissingParentFails() {
        var failure = assertThrows(RuntimeOperationException.class,
                () -> CopyRules.target("/etc/hosts", FILE, "/nope/x", MISSING, MISSING));
        assertTrue(failure.getMessage().contains("the directory /nope does not exist"), failure.getMessage());
    }

    @Test
    void aDirectoryGoesInsideAnExistingDirectoryOrOnlyItsContentsWithSlashDot() {
        assertEquals(new Target("/out", "etc"), CopyRules.target("/etc", DIR, "/out", DIR, DIR));
        assertEquals(new Target("/out", "etc"), CopyRules.target("/etc/", DIR, "/out", DIR, DIR));
        assertEquals(new Target("/out", ""), CopyRules.target("/etc/.", DIR, "/out", DIR, DIR));
    }

    @Test
    void aDirectoryOntoAMissingPathBecomesThatDirectoryWithOrWithoutSlashDot() {
        assertEquals(new Target("/out", "new"), CopyRules.target("/etc", DIR, "/out/new", MISSING, DIR));
        assertEquals(new Target("/out", "new"), CopyRules.target("/etc/.", DIR, "/out/new/", MISSING, DIR));
    }

    @Test
    void aDirectoryOntoAFileFails() {
        var failure = assertThrows(RuntimeOperationException.class,
                () -> CopyRules.target("/etc", DIR, "/out/file", FILE, DIR));
        assertTrue(failure.getMessage().contains("cannot copy a directory onto the file /out/file"), failure.getMessage());
    }

    @Test
    void namesAndParentsOfPathsWithSlashesAndDots() {
        assertEquals("b", CopyRules.baseName("/a/b/"));
        assertEquals("b", CopyRules.baseName("/a/b/."));
        assertEquals("", CopyRules.baseName("/"));
        assertEquals("", CopyRules.baseName("/."));
        assertEquals("/a", CopyRules.parent("/a/b/"));
        assertEquals("/", CopyRules.parent("/b"));
        assertEquals("/", CopyRules.parent("/"));
        assertTrue(CopyRules.contentsOnly("/a/."));
        assertTrue(CopyRules.mustBeDirectory("/a/"));
    }
}
