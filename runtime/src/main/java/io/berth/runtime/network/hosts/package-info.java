/** The generated /etc/hosts of containers, rewritten in place as peers come and go. */
package io.berth.runtime.network.hosts;
