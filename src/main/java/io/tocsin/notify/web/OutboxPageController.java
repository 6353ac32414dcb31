package io.tocsin.notify.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.tocsin.notify.internal.CapturedMessages;
import io.tocsin.shared.NavigationItem;
import io.tocsin.shared.NavigationItem.Section;
import io.tocsin.shared.NotFoundException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The outbox page (issue 13): every message Tocsin would have sent while it keeps them in the building (the demo
 * without a mail server), newest first, as its recipient reads it, with its links clickable, so a visitor follows
 * a page from the test alert to the acknowledgement. Everyone signed in sees all of them: the demo's visitor plays
 * every person. A 404 when messages really leave.
 */
@Controller
class OutboxPageController {

    private static final Pattern URL = Pattern.compile("https?://[^\\s\"<>]+");

    private final CapturedMessages captured;

    OutboxPageController(CapturedMessages captured) {
        this.captured = captured;
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(CapturedMessages.On.class)
    static class Navigation {
        @Bean
        NavigationItem outboxNavigation() {
            return new NavigationItem(Section.MAIN, "notify.nav.outbox", "/notify/outbox", 90);
        }
    }

    /** A piece of a line: plain text, or a link. */
    record Piece(String text, boolean link) {
    }

    /** A message ready to show: its lines, each cut into text and links. */
    record Shown(CapturedMessages.Captured message, List<List<Piece>> lines) {
    }

    @GetMapping("/notify/outbox")
    String outbox(Model model) {
        if (!captured.on()) {
            throw new NotFoundException("page", "/notify/outbox");
        }
        model.addAttribute("messages", captured.newest(200).stream()
                .map(m -> new Shown(m, m.body().lines().map(OutboxPageController::pieces).toList())).toList());
        return "notify/outbox";
    }

    static List<Piece> pieces(String line) {
        var pieces = new ArrayList<Piece>();
        var matcher = URL.matcher(line);
        int at = 0;
        while (matcher.find()) {
            if (matcher.start() > at) {
                pieces.add(new Piece(line.substring(at, matcher.start()), false));
            }
            pieces.add(new Piece(matcher.group(), true));
            at = matcher.end();
        }
        if (at < line.length() || pieces.isEmpty()) {
            pieces.add(new Piece(line.substring(at), false));
        }
        return pieces;
    }
}
