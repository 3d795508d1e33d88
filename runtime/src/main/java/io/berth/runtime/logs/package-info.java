/** Container logs: the pump from raw stdout/stderr files to JSON lines, the reader, and the supervisor's own log. */
package io.berth.runtime.logs;
