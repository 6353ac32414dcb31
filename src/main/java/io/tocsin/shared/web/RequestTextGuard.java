package io.tocsin.shared.web;

import io.tocsin.shared.StorableText;
import io.tocsin.shared.UnstorableTextException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The text rule ({@link StorableText}) for what a REST call carries outside its body: query (and form)
 * parameters, names and values. A {@code %00} is a 400 naming the parameter before the controller runs, instead
 * of a database error when the value reaches a query. Paths need no check here: Tomcat refuses an encoded NUL or
 * bytes that are not UTF-8 in a path before any application code ({@link ProblemErrorReportValve}). Asking for
 * the parameters first also makes an undecodable query string fail here, as a 400 problem.
 */
class RequestTextGuard implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        var violations = StorableText.violations(request.getParameterMap());
        if (!violations.isEmpty()) {
            throw new UnstorableTextException(violations);
        }
        return true;
    }
}
