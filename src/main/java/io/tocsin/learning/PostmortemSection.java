package io.tocsin.learning;

import org.springframework.data.relational.core.mapping.Table;

/**
 * One section of a postmortem: its template code, the title and prompt in the postmortem's language (copied from
 * the template when drafted, so a later template change leaves written postmortems alone), whether publishing
 * needs it, and what the author wrote.
 */
@Table("postmortem_section")
public record PostmortemSection(String code, String title, String prompt, boolean required, String body) {

    public boolean written() {
        return body != null && !body.isBlank();
    }

    PostmortemSection withBody(String text) {
        return new PostmortemSection(code, title, prompt, required, text);
    }
}
