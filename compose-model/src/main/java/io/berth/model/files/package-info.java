/**
 * Which Compose files a project is made of ({@link io.berth.model.files.ComposeFileLocator}), behind a small
 * file-system seam ({@link io.berth.model.files.ProjectFiles}) so the rules are tested without a disk.
 */
package io.berth.model.files;
