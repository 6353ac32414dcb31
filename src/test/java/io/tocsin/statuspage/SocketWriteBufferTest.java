package io.tocsin.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Public status pages go out in one socket write (issue 11 point 8, StatusPageBenchmark): the connector's write
 * buffer holds a whole page, not Tomcat's default 8 KiB.
 */
class SocketWriteBufferTest extends IntegrationTest {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void theConnectorWritesUpTo64KiBAtOnce() {
        var connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("65536");
    }
}
