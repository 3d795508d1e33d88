package io.berth.engine.watch;

import java.nio.file.Path;

/**
 * Files that editors write beside the real ones while saving (swap, lock, backup and probe files):
 * never synced, never a reason to restart, as Docker Compose v2 leaves them out too.
 */
final class EditorFiles {
    private EditorFiles() {
    }

    static boolean isScratch(Path path) {
        Path fileName = path.getFileName();
        if (fileName == null) {
            return false;
        }
        String name = fileName.toString();
        return name.endsWith("~")                                          // backups (vim, emacs, gedit)
                || name.equals("4913")                                     // vim's probe of a writable directory
                || (name.startsWith(".") && name.matches("\\..*\\.sw[pxon]"))  // vim's swap files
                || name.startsWith(".#")                                   // emacs's lock links
                || (name.length() > 1 && name.startsWith("#") && name.endsWith("#")) // emacs's autosaves
                || name.endsWith(".kate-swp")                              // kate
                || name.endsWith("___jb_tmp___") || name.endsWith("___jb_old___") // JetBrains' safe write
                || name.endsWith("-go-tmp-umask");                         // go's umask probe
    }
}
