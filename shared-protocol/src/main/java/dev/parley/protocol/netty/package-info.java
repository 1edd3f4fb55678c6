/** Netty pipeline adapters for the protocol codec. */
package dev.parley.protocol.netty;
