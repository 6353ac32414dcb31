package io.tocsin.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tocsin.notify.internal.InboundAnswers;
import io.tocsin.notify.internal.PublicUrls;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * For every endpoint Twilio calls (notify's own callbacks, the hotline): whether a request carries a valid
 * {@code X-Twilio-Signature} for the URL as Twilio called it, and its form parameters. Refusals are logged.
 */
@Component
public class TwilioWebhooks {

    private final InboundAnswers inbound;
    private final PublicUrls urls;

    TwilioWebhooks(InboundAnswers inbound, PublicUrls urls) {
        this.inbound = inbound;
        this.urls = urls;
    }

    public boolean signed(HttpServletRequest request) {
        return inbound.twilioSignatureValid(calledUrls(request), formParams(request),
                request.getHeader("X-Twilio-Signature"));
    }

    /** Absolute URL of a path as Twilio should call it (Gather and Record actions). */
    public String url(String path) {
        return urls.base() + path;
    }

    /**
     * The URL as Twilio called it: as this request sees it (forwarded headers honoured), or rebuilt on the
     * configured public base URL when a proxy rewrote it.
     */
    private List<String> calledUrls(HttpServletRequest request) {
        var result = new ArrayList<String>();
        result.add(ServletUriComponentsBuilder.fromCurrentRequest().build().toUriString());
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        result.add(urls.base() + request.getRequestURI() + query);
        return result;
    }

    /** The POST body parameters only: query parameters are part of the signed URL, not of the parameter list. */
    public static Map<String, String> formParams(HttpServletRequest request) {
        var queryNames = request.getQueryString() == null ? java.util.Set.<String>of()
                : UriComponentsBuilder.fromUriString("?" + request.getQueryString()).build().getQueryParams().keySet();
        var params = new LinkedHashMap<String, String>();
        request.getParameterMap().forEach((name, values) -> {
            if (!queryNames.contains(name) && values.length > 0) {
                params.put(name, values[0]);
            }
        });
        return params;
    }
}
