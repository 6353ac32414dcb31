package io.tocsin.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * An SMTP server for the answers GreenMail never gives: it speaks RFC 5321 (EHLO, MAIL, RCPT, DATA, RSET, NOOP,
 * QUIT) and answers RCPT TO by the recipient's local part, as real servers answer: {@code refused...} gets
 * {@code 550 5.1.1} (mailbox unavailable, permanent), {@code busy...} gets {@code 451 4.3.0} (try again later);
 * every other recipient is accepted and its message kept. Counts the connections it was given.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    private static final Pattern RCPT = Pattern.compile("RCPT TO:\\s*<([^>]*)>.*", Pattern.CASE_INSENSITIVE);

    /** One accepted message: its recipients and raw text. */
    public record Received(List<String> recipients, String data) {
    }

    private final ServerSocket socket;
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;

    public ScriptedSmtpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::accept);
    }

    public int port() {
        return socket.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void accept() {
        while (open) {
            try {
                var client = socket.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                var out = client.getOutputStream()) {
            reply(out, "220 scripted.test ESMTP ready");
            var recipients = new java.util.ArrayList<String>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    reply(out, "250-scripted.test\r\n250 8BITMIME");
                } else if (command.startsWith("HELO") || command.startsWith("NOOP")) {
                    reply(out, "250 OK");
                } else if (command.startsWith("MAIL FROM")) {
                    recipients.clear();
                    reply(out, "250 2.1.0 OK");
                } else if (command.startsWith("RCPT TO")) {
                    var m = RCPT.matcher(line);
                    String to = m.matches() ? m.group(1) : "";
                    if (to.startsWith("refused")) {
                        reply(out, "550 5.1.1 <" + to + ">: mailbox unavailable");
                    } else if (to.startsWith("busy")) {
                        reply(out, "451 4.3.0 <" + to + ">: mailbox busy, try again later");
                    } else {
                        recipients.add(to);
                        reply(out, "250 2.1.5 OK");
                    }
                } else if (command.startsWith("DATA")) {
                    if (recipients.isEmpty()) {
                        reply(out, "554 5.5.1 no valid recipients");
                        continue;
                    }
                    reply(out, "354 end data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
                    }
                    received.add(new Received(List.copyOf(recipients), data.toString()));
                    recipients.clear();
                    reply(out, "250 2.0.0 queued");
                } else if (command.startsWith("RSET")) {
                    recipients.clear();
                    reply(out, "250 2.0.0 OK");
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 2.0.0 bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 command not implemented");
                }
            }
        } catch (IOException dropped) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        open = false;
        socket.close();
        acceptor.interrupt();
    }
}
