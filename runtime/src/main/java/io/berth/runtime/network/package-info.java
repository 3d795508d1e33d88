/** Bridge networks: subnets, veths, netfilter rules, published ports, their state files. */
package io.berth.runtime.network;
