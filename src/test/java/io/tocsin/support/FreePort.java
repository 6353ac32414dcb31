package io.tocsin.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A port for a process that starts listening later (another JVM, Alertmanager, nginx). {@code new ServerSocket(0)}
 * picks from the kernel's ephemeral range, which outgoing connections use too: between closing that socket and
 * the process binding it, any connection (a JDBC pool's, say) may take it, and the process fails with "port in
 * use" (seen once in ClusterKillLoopTest on a busy machine). A port below the ephemeral range can only be taken by
 * another listener.
 */
public final class FreePort {

    private static final int LOWEST = 20_000;

    private FreePort() {
    }

    public static int outsideEphemeralRange() {
        int ephemeralStart = ephemeralStart();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, ephemeralStart);
            try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                return port;
            } catch (IOException taken) {
                // another listener has it: try the next
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + ephemeralStart);
    }

    private static int ephemeralStart() {
        try {
            int start = Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .trim().split("\\s+")[0]);
            return start > LOWEST + 1_000 ? start : 32_768;
        } catch (IOException | RuntimeException notLinux) {
            return 32_768;
        }
    }
}
