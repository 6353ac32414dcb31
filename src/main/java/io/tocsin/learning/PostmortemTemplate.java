package io.tocsin.learning;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The organisation's postmortem template: the configured sections in order, with titles and prompts in English
 * or German from the bundles. The default follows the seeds and is blameless by design: its prompts ask about
 * systems, signals and decisions, never about who is to blame.
 */
@Component
public class PostmortemTemplate {

    private final LearningSettings settings;
    private final MessageSource messages;

    PostmortemTemplate(LearningSettings settings, MessageSource messages) {
        this.settings = settings;
        this.messages = messages;
    }

    public List<PostmortemSection> sections(String language) {
        var locale = Locale.forLanguageTag(language);
        return settings.getSections().stream().map(code -> new PostmortemSection(code,
                messages.getMessage("learning.section." + code + ".title", null, code, locale),
                messages.getMessage("learning.section." + code + ".prompt", null, "", locale),
                settings.getRequiredSections().contains(code), null)).toList();
    }
}
