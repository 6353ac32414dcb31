package io.tocsin.comms.internal;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * Renders message templates written in Thymeleaf's TEXT mode ({@code [(${service})]},
 * {@code [# th:each="line : ${nextSteps}"]- [(${line})][/]}). Templates are organisation-editable, so only plain
 * variable access is let through: no type references, constructors or bean access.
 */
public final class TextTemplateRenderer {

    // The whole template is checked, text included, so that nothing can hide from the check in a quoted literal. A
    // constructor call needs its parenthesis ("new Foo("), so the word "new" in a message ("No new summary") passes.
    private static final Pattern FORBIDDEN = Pattern.compile("\\bT\\s*\\(|\\bnew\\s+[\\w.$]+\\s*\\(|@\\s*[A-Za-z{]|#ctx|#vars|#root|#this|\\bclass\\b");

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    public TextTemplateRenderer() {
        var resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCacheable(false);
        engine.setTemplateResolver(resolver);
    }

    /** Throws {@link IllegalArgumentException} naming the problem when the template is unsafe or broken. */
    public String render(String template, Map<String, Object> variables, Locale locale) {
        var forbidden = FORBIDDEN.matcher(template);
        if (forbidden.find()) {
            throw new IllegalArgumentException("only variables like ${service} may be used, not '" + forbidden.group() + "'");
        }
        try {
            return engine.process(template, new Context(locale, variables));
        } catch (RuntimeException e) {
            var cause = e;
            while (cause.getCause() instanceof RuntimeException inner && inner != cause) {
                cause = inner;
            }
            throw new IllegalArgumentException(cause.getMessage(), e);
        }
    }
}
