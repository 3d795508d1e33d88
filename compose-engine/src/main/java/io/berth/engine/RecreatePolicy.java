package io.berth.engine;

/** When to recreate a container: as needed (default), always (--force-recreate), never (--no-recreate). */
public enum RecreatePolicy { DIVERGED, FORCE, NEVER }
