package io.tocsin.oncall.web;

import io.tocsin.oncall.internal.CalendarFeeds;
import io.tocsin.oncall.internal.FeedTokens;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Calendar apps subscribe with a URL holding a secret token (they cannot send our API tokens). This path has
 * its own security chain; the token is checked here. Unknown tokens get a plain 404, telling nothing.
 */
@RestController
class CalendarFeedController {

    static final String PATH = "/feeds/oncall/";
    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

    private final FeedTokens tokens;
    private final CalendarFeeds feeds;

    CalendarFeedController(FeedTokens tokens, CalendarFeeds feeds) {
        this.tokens = tokens;
        this.feeds = feeds;
    }

    @GetMapping(PATH + "{token}.ics")
    ResponseEntity<String> feed(@PathVariable String token) {
        var owner = tokens.owner(token);
        if (owner.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        String body = switch (owner.get().type()) {
            case USER -> feeds.userFeed(owner.get().id());
            case SCHEDULE -> feeds.scheduleFeed(owner.get().id());
        };
        return ResponseEntity.ok().contentType(TEXT_CALENDAR).cacheControl(CacheControl.noStore()).body(body);
    }
}
