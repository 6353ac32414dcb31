package io.tocsin.web;

import java.util.Comparator;
import java.util.List;

import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.shared.UiPanel;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Collects the panels modules contribute to a page, with their models, for {@code ${@panels.of(...)}}. */
@Component("panels")
public class Panels {

    private final List<UiPanel> panels;

    Panels(List<UiPanel> panels) {
        this.panels = panels.stream().sorted(Comparator.comparingInt(UiPanel::order)).toList();
    }

    public record Rendered(String template, Object model) {
    }

    public List<Rendered> of(String page, Object subject) {
        var me = CurrentActor.principal();
        var context = new UiPanel.Context(subject, me.map(TocsinPrincipal::userId).orElse(null),
                LocaleContextHolder.getLocale(), me.map(TocsinPrincipal::zone).orElse(java.time.ZoneId.of("UTC")));
        return panels.stream().filter(p -> p.page().equals(page)).map(p -> new Rendered(p.template(), p.model(context)))
                .toList();
    }
}
