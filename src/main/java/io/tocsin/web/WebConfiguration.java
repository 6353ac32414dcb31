package io.tocsin.web;

import java.util.List;
import java.util.Locale;

import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/** The language: an explicit switch (cookie); for API calls the Accept-Language header; else the profile's
 * locale; else the browser's. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);

    private final LayoutModel layout;

    WebConfiguration(LayoutModel layout) {
        this.layout = layout;
    }

    @Bean
    LocaleResolver localeResolver() {
        var resolver = new CookieLocaleResolver("tocsin-lang") {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                var cookie = org.springframework.web.util.WebUtils.getCookie(request, "tocsin-lang");
                // A switch on this very request (?lang=) is a request attribute until the cookie comes back.
                if (cookie != null || request.getAttribute(LOCALE_REQUEST_ATTRIBUTE_NAME) != null) {
                    return super.resolveLocale(request);
                }
                var header = request.getHeader("Accept-Language");
                // API clients ask explicitly; a browser always sends its default, so on pages the profile wins.
                if (request.getRequestURI().startsWith("/api/") && header != null && !header.isBlank()) {
                    return fromHeader(header);
                }
                return CurrentActor.principal().map(p -> supported(p.locale()))
                        .orElseGet(() -> header == null || header.isBlank() ? Locale.ENGLISH : fromHeader(header));
            }

            // The DispatcherServlet asks for the whole context; answer with the same rules as resolveLocale, so
            // LocaleContextHolder (formatting in Java) and templates agree, and add the viewer's time zone.
            @Override
            public org.springframework.context.i18n.LocaleContext resolveLocaleContext(HttpServletRequest request) {
                var locale = resolveLocale(request);
                var zone = CurrentActor.principal().map(p -> java.util.TimeZone.getTimeZone(p.zone())).orElse(null);
                return new org.springframework.context.i18n.SimpleTimeZoneAwareLocaleContext(locale, zone);
            }

            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                super.setLocale(request, response, locale == null ? null : supported(locale));
            }
        };
        resolver.setCookieMaxAge(java.time.Duration.ofDays(365));
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new LanguageSwitch());
        registry.addInterceptor(layout);
    }

    static Locale fromHeader(String header) {
        try {
            var match = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
            return match == null ? Locale.ENGLISH : match;
        } catch (IllegalArgumentException malformed) {
            return Locale.ENGLISH;
        }
    }

    static Locale supported(Locale locale) {
        return Identity.SUPPORTED_LANGUAGES.contains(locale.getLanguage()) ? Locale.of(locale.getLanguage())
                : Locale.ENGLISH;
    }
}
