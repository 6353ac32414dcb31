package io.tocsin.notify.web;

import java.util.Locale;

import io.tocsin.notify.internal.AnswerTokens;
import io.tocsin.notify.internal.InboundAnswers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The acknowledge and resolve links in e-mails and webhooks. Opening a link shows one button; only pressing it
 * (a POST) answers, so mail scanners that prefetch links never acknowledge a page by themselves. The page speaks
 * the language of the person the link was sent to.
 */
@Controller
class AnswerLinkController {

    private final InboundAnswers inbound;
    private final MessageSource messages;

    AnswerLinkController(InboundAnswers inbound, MessageSource messages) {
        this.inbound = inbound;
        this.messages = messages;
    }

    @GetMapping("/notify/answer/{token}")
    String confirm(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        noStore(response);
        try {
            var view = inbound.inspectLink(token);
            page(model, view.locale());
            model.addAttribute("token", token);
            model.addAttribute("question", text(view.locale(), "notify.answer.confirm." + view.action(), view.label()));
            model.addAttribute("button", text(view.locale(), "notify.answer.button." + view.action()));
            model.addAttribute("summary", view.summary());
        } catch (AnswerTokens.Refused e) {
            refused(e, model, request, response);
        }
        return "notify/answer";
    }

    @PostMapping("/notify/answer/{token}")
    String answer(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        noStore(response);
        try {
            var result = inbound.answerLink(token);
            page(model, result.locale());
            model.addAttribute("outcome", text(result.locale(), "notify.answer.done." + result.outcome(),
                    result.label(), text(result.locale(), "notify.answer.state." + result.action())));
        } catch (AnswerTokens.Refused e) {
            refused(e, model, request, response);
        }
        return "notify/answer";
    }

    private void refused(AnswerTokens.Refused e, Model model, HttpServletRequest request, HttpServletResponse response) {
        var locale = request.getLocale() != null && "de".equals(request.getLocale().getLanguage()) ? Locale.GERMAN
                : Locale.ENGLISH;
        page(model, locale);
        model.addAttribute("problem", text(locale, "notify.answer.refused." + e.problem()));
        response.setStatus(e.problem() == AnswerTokens.Problem.FORGED ? 403 : 410);
    }

    private void page(Model model, Locale locale) {
        model.addAttribute("lang", locale.getLanguage());
        model.addAttribute("title", text(locale, "notify.answer.title"));
    }

    private String text(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
    }
}
