package io.tocsin.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a loopback port in front of one or more targets (a database, or the nodes of a cluster), for
 * outage and failover tests. {@link #cut()} makes the target unreachable as a crashed database or a dead link is:
 * every open connection is closed and new ones are accepted and closed at once; {@link #restore()} lets traffic
 * through again. With several targets each new connection goes to the next live one (round robin), skipping a
 * target that refuses, as a load balancer does.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress[] targets;
    private final AtomicInteger next = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean closed;

    private TcpProxy(InetSocketAddress... targets) throws IOException {
        this.targets = targets;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("tcp-proxy-" + port()).start(this::acceptLoop);
    }

    public static TcpProxy to(String host, int... ports) {
        var targets = new InetSocketAddress[ports.length];
        for (int i = 0; i < ports.length; i++) {
            targets[i] = new InetSocketAddress(host, ports[i]);
        }
        try {
            return new TcpProxy(targets);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The database (or node) becomes unreachable: open connections are closed, new ones closed on arrival. */
    public void cut() {
        cut = true;
        closeOpen();
    }

    public void restore() {
        cut = false;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                var client = server.accept();
                if (cut) {
                    client.close();
                    continue;
                }
                Thread.ofVirtual().start(() -> connect(client));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void connect(Socket client) {
        Socket upstream = null;
        for (int tries = 0; tries < targets.length && upstream == null; tries++) {
            int i = Math.floorMod(next.getAndIncrement(), targets.length);
            try {
                upstream = new Socket();
                upstream.setTcpNoDelay(true);
                upstream.connect(targets[i], 1000);
            } catch (IOException refused) {
                closeQuietly(upstream);
                upstream = null;
            }
        }
        if (upstream == null) {
            closeQuietly(client);
            return;
        }
        try {
            // Without it Nagle's algorithm and delayed acknowledgements add about 40 ms to every round trip.
            client.setTcpNoDelay(true);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        open.add(client);
        open.add(upstream);
        var up = upstream;
        Thread.ofVirtual().start(() -> pipe(client, up));
        pipe(up, client);
    }

    private void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ended) {
            // one side closed or was cut
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private void closeOpen() {
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        closeOpen();
    }
}
