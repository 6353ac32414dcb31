package io.tocsin.web;

import java.util.Optional;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title, version and authentication, as a reader of /swagger-ui.html needs them. */
@Configuration(proxyBeanMethods = false)
class ApiInfo {

    @Bean
    OpenAPI tocsinOpenApi(ObjectProvider<BuildProperties> build) {
        String version = Optional.ofNullable(build.getIfAvailable()).map(BuildProperties::getVersion).orElse("dev");
        return new OpenAPI()
                .info(new Info().title("Tocsin API").version(version)
                        .description("""
                                Incident response: alerts, on-call, escalation, incidents, communication.
                                Our own API lives under `/api/v1` (authenticate with a personal API token:
                                `Authorization: Bearer tcs_…`; errors are RFC 9457 problem+json naming each field at
                                fault; writes honour `If-Match`). The endpoints tagged "Compatibility" speak the
                                formats of PagerDuty, Opsgenie, Alertmanager, Grafana and Twilio at their paths, with
                                those tools' own credentials and error shapes."""))
                .components(new Components().addSecuritySchemes("token", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").description("A personal API token (tcs_…)")))
                .addSecurityItem(new SecurityRequirement().addList("token"));
    }
}
