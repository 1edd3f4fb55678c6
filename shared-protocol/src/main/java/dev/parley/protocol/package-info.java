/**
 * The binary protocol between the control plane and media nodes ({@code PROTOCOL.md}): message
 * records ({@link dev.parley.protocol.ProtocolMessage}), {@link
 * dev.parley.protocol.ProtocolEncoder}, the streaming {@link dev.parley.protocol.ProtocolDecoder}
 * and the one-frame {@link dev.parley.protocol.ProtocolReader}, all bounded by {@link
 * dev.parley.protocol.ProtocolLimits}.
 */
package dev.parley.protocol;
