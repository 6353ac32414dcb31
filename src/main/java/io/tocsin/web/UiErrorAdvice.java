package io.tocsin.web;

import io.tocsin.shared.NotFoundException;
import io.tocsin.shared.UnstorableTextException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Unknown keys and ids on UI pages get the friendly 404 page, not a stack trace; a form with characters that cannot
 * be stored (a NUL, half of a surrogate pair) gets a 400 page naming the fields, and nothing is written.
 */
@ControllerAdvice(annotations = Controller.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE)
class UiErrorAdvice {

    private final MessageSource messages;

    UiErrorAdvice(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(NotFoundException e, Model model) {
        model.addAttribute("status", 404);
        model.addAttribute("message", e.getMessage());
        return "error";
    }

    @ExceptionHandler(UnstorableTextException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String unstorable(UnstorableTextException e, Model model, java.util.Locale locale) {
        model.addAttribute("status", 400);
        model.addAttribute("message", messages.getMessage("error.unstorable-text", new Object[] {e.violations().stream()
                .map(v -> v.field()).distinct().collect(java.util.stream.Collectors.joining(", "))}, locale));
        return "error";
    }
}
