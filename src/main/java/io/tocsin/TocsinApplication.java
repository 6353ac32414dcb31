package io.tocsin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "shared")
public class TocsinApplication {

    public static void main(String[] args) {
        var application = new SpringApplication(TocsinApplication.class);
        // Ctrl-C and SIGTERM are how Tocsin is meant to be stopped: close the application, then end with status 0
        // (the JVM's default for a signal is 130/143, which Maven's spring-boot:run and service managers report as
        // a failure).
        application.setRegisterShutdownHook(false);
        var context = application.run(args);
        CleanStop.onSignals(context);
    }
}
