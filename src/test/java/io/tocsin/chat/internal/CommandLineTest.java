package io.tocsin.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.tocsin.chat.internal.CommandLine.Mention;
import org.junit.jupiter.api.Test;

/** Issue 14 (R21): how `/tocsin` text is read: verb, key before or after, mentions as Slack escapes them. */
class CommandLineTest {

    record Row(String text, String verb, String key, String rest, List<Mention> mentions) {
    }

    @Test
    void commandsAreReadAsSlackSendsThem() {
        for (var row : new Row[] {
                new Row("", "help", null, "", List.of()),
                new Row("  ACK  ", "ack", null, "", List.of()),
                new Row("ack INC-42", "ack", "INC-42", "", List.of()),
                new Row("ack inc-42", "ack", "INC-42", "", List.of()),
                new Row("sev 1", "sev", null, "1", List.of()),
                new Row("sev INC-7 1", "sev", "INC-7", "1", List.of()),
                new Row("sev 1 INC-7", "sev", "INC-7", "1", List.of()),
                new Row("role technical lead <@U024BE7LH|bob>", "role", null, "technical lead <@U024BE7LH|bob>",
                        List.of(new Mention("U024BE7LH", null, false))),
                new Row("im <@U1>", "im", null, "<@U1>", List.of(new Mention("U1", null, false))),
                new Row("page <!subteam^SAZ94GDB8|@sre> <@U2>", "page", null, "<!subteam^SAZ94GDB8|@sre> <@U2>",
                        List.of(new Mention(null, "sre", true), new Mention("U2", null, false))),
                new Row("page @ann.example", "page", null, "@ann.example", List.of(new Mention(null, "ann.example", false))),
                new Row("note INC-3 DB failover started, see INC-2", "note", "INC-3", "DB failover started, see INC-2",
                        List.of()),
                new Row("note rolled back to INC-2 state", "note", null, "rolled back to INC-2 state", List.of()),
                new Row("declare sev 2 Checkout fails", "declare", null, "sev 2 Checkout fails", List.of())}) {
            var parsed = CommandLine.parse(row.text());
            assertThat(parsed).as(row.text()).isEqualTo(new CommandLine(row.verb(), row.key(), row.rest(), row.mentions()));
        }
        assertThat(CommandLine.parse("role Technical Lead <@U1|bo>").restWithoutMentions()).isEqualTo("Technical Lead");
    }
}
