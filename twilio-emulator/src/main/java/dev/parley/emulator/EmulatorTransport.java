package dev.parley.emulator;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * SIMULATION ONLY: the emulator's sockets, native epoll where Linux offers it and NIO otherwise.
 * With thousands of emulated streams each writing a frame every 20 ms, epoll's cheaper wake-ups and
 * writes leave more of the machine to the server under test.
 *
 * @param name {@code epoll} or {@code nio}
 * @param ioHandlerFactory event loop I/O for this transport
 * @param serverChannel the REST API's listening socket class
 * @param clientChannel the Media Stream sockets' class
 */
public record EmulatorTransport(
    String name,
    IoHandlerFactory ioHandlerFactory,
    Class<? extends ServerSocketChannel> serverChannel,
    Class<? extends SocketChannel> clientChannel) {

  /** Epoll when available, else NIO. */
  public static EmulatorTransport best() {
    if (Epoll.isAvailable()) {
      return new EmulatorTransport(
          "epoll",
          EpollIoHandler.newFactory(),
          EpollServerSocketChannel.class,
          EpollSocketChannel.class);
    }
    return new EmulatorTransport(
        "nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class);
  }
}
