package io.tocsin.shared.web;

import java.util.Map;

import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.StorableText;
import io.tocsin.shared.UnstorableTextException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The text rule ({@link StorableText}) for what a REST call carries outside its body: query (and form)
 * parameters, names and values, and path variables. A {@code %00} anywhere is a 400 naming the parameter, before
 * the controller runs, instead of a database error when the value reaches a query.
 */
class RequestTextGuard implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        var violations = StorableText.violations(request.getParameterMap());
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> {
                String problem = StorableText.problem(String.valueOf(value));
                if (problem != null) {
                    violations.add(new FieldViolation(String.valueOf(name), problem));
                }
            });
        }
        if (!violations.isEmpty()) {
            throw new UnstorableTextException(violations);
        }
        return true;
    }
}
