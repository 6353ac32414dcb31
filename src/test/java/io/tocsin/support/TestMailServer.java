package io.tocsin.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A real SMTP server (GreenMail) on a free port for the whole test context, and the mail sender pointed at it, so
 * every test shares one context instead of setting spring.mail per test.
 */
@Configuration(proxyBeanMethods = false)
public class TestMailServer {

    @Bean(destroyMethod = "stop")
    GreenMail greenMail() {
        var server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.start();
        return server;
    }

    @Bean
    @Primary
    JavaMailSender testMailSender(GreenMail greenMail) {
        var sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(greenMail.getSmtp().getPort());
        sender.setDefaultEncoding("UTF-8");
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "5000");
        sender.getJavaMailProperties().put("mail.smtp.timeout", "5000");
        return sender;
    }
}
