package io.tocsin.chat.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tocsin.chat.ChatAdapter;
import io.tocsin.chat.internal.ChatAccounts;
import io.tocsin.identity.Role;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NavigationItem;
import io.tocsin.shared.NavigationItem.Section;
import io.tocsin.shared.NotFoundException;
import io.tocsin.shared.UiPanel;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The chat pages (issue 14): {@code /admin/chat}, where administrators connect Slack and Mattermost (the same change
 * as {@code PUT /api/v1/chat/{tool}/settings}: secrets are sealed and never shown back, only whether they are set),
 * and a panel on the profile page where each person links their chat account by their e-mail address.
 */
@Controller
class ChatPages {

    /** The fields of each tool's form, in order; secrets are never filled in. */
    static final Map<String, List<String>> FIELDS = Map.of(
            "slack", List.of("botToken", "signingSecret", "apiUrl", "roomPattern", "pinEmoji", "archiveOnClose"),
            "mattermost", List.of("apiUrl", "teamId", "botToken", "commandToken", "callbackUrl", "roomPattern",
                    "archiveOnClose"));
    static final List<String> SECRETS = List.of("botToken", "signingSecret", "commandToken");

    private final List<ChatAdapter> adapters;
    private final ChatApiController api;
    private final MessageSource messages;

    ChatPages(List<ChatAdapter> adapters, ChatApiController api, MessageSource messages) {
        this.adapters = adapters.stream().filter(a -> FIELDS.containsKey(a.tool()))
                .sorted(java.util.Comparator.comparing(ChatAdapter::tool).reversed()).toList();
        this.api = api;
        this.messages = messages;
    }

    @Configuration(proxyBeanMethods = false)
    static class Contributions {

        @Bean
        NavigationItem chatNavigation() {
            return new NavigationItem(Section.ADMINISTRATION, "chat.ui.nav", "/admin/chat", 30, Role.ADMIN.name());
        }

        @Bean
        UiPanel chatAccountsPanel(List<ChatAdapter> adapters, ChatAccounts accounts) {
            return UiPanel.of(UiPanel.PROFILE, 20, "chat/panels", context -> {
                var rows = new ArrayList<Map<String, Object>>();
                for (var a : adapters) {
                    // The panel links by e-mail; Teams through webhooks links with a code (docs/chat.md) instead.
                    if (a.configured() && a.supports(ChatAdapter.Feature.ACCOUNT_BY_EMAIL)) {
                        var row = new LinkedHashMap<String, Object>();
                        row.put("tool", a.tool());
                        row.put("name", a.displayName());
                        row.put("account", accounts.linkedAccount(a.tool(), context.viewerId()).orElse(null));
                        rows.add(row);
                    }
                }
                return Map.of("tools", rows);
            });
        }
    }

    /** One tool's form as shown: a secret only says whether it is set, never its value. */
    record ToolForm(String tool, String name, boolean configured, boolean archiveOnClose, List<Field> fields) {
    }

    record Field(String name, boolean secret, boolean set, String value) {
    }

    private ToolForm form(ChatAdapter adapter) {
        var s = api.get(adapter.tool());
        var fields = new ArrayList<Field>();
        for (String f : FIELDS.get(adapter.tool())) {
            if (f.equals("archiveOnClose")) {
                continue;
            }
            boolean set = switch (f) {
                case "botToken" -> s.botTokenSet();
                case "signingSecret" -> s.signingSecretSet();
                case "commandToken" -> s.commandTokenSet();
                default -> false;
            };
            String value = switch (f) {
                case "apiUrl" -> s.apiUrl();
                case "roomPattern" -> s.roomPattern();
                case "pinEmoji" -> s.pinEmoji();
                case "teamId" -> s.teamId();
                case "callbackUrl" -> s.callbackUrl();
                default -> null;
            };
            fields.add(new Field(f, SECRETS.contains(f), set, value));
        }
        return new ToolForm(adapter.tool(), adapter.displayName(), s.configured(), s.archiveOnClose(), fields);
    }

    @GetMapping("/admin/chat")
    String page(Model model) {
        return page(model, null, Map.of());
    }

    private String page(Model model, String failedTool, Map<String, String> errors) {
        model.addAttribute("tools", adapters.stream().map(this::form).toList());
        model.addAttribute("failedTool", failedTool);
        model.addAttribute("errors", errors);
        return "chat/settings";
    }

    @PostMapping("/admin/chat/{tool}")
    String save(@PathVariable String tool, @RequestParam Map<String, String> form, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        var fields = FIELDS.get(tool);
        if (fields == null) {
            throw new NotFoundException("chat tool", tool);
        }
        var values = new LinkedHashMap<String, String>();
        for (String f : fields) {
            String v = form.get(f);
            // A secret left empty stays as it is; another field left empty goes back to configuration.
            values.put(f, SECRETS.contains(f) && (v == null || v.isBlank()) ? null : v == null ? "" : v);
        }
        values.put("archiveOnClose", Boolean.toString("true".equals(form.get("archiveOnClose"))));
        try {
            api.put(tool, change(tool, values));
            redirect.addFlashAttribute("flash", text("chat.ui.saved"));
            return "redirect:/admin/chat#chat-" + tool;
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return page(model, tool, e.byField());
        }
    }

    /** Disconnects the tool: its credentials are removed (configuration applies again, if it has any). */
    @PostMapping("/admin/chat/{tool}/disconnect")
    String disconnect(@PathVariable String tool, RedirectAttributes redirect) {
        if (!FIELDS.containsKey(tool)) {
            throw new NotFoundException("chat tool", tool);
        }
        api.put(tool, new ChatApiController.SettingsChange("", "", null, null, null, null, "", null, null));
        redirect.addFlashAttribute("flash", text("chat.ui.disconnected"));
        return "redirect:/admin/chat#chat-" + tool;
    }

    private static ChatApiController.SettingsChange change(String tool, Map<String, String> v) {
        boolean slack = tool.equals("slack");
        return new ChatApiController.SettingsChange(cut(v, "botToken", 500), cut(v, "signingSecret", 200),
                cut(v, "apiUrl", 2000), cut(v, "roomPattern", 80), Boolean.valueOf(v.get("archiveOnClose")),
                slack ? cut(v, "pinEmoji", 100) : null, cut(v, "commandToken", 200), cut(v, "teamId", 64),
                cut(v, "callbackUrl", 2000));
    }

    /** The form's own limits are the API's; longer input is refused like there, naming the field. */
    private static String cut(Map<String, String> values, String field, int max) {
        String value = values.get(field);
        if (value != null && value.length() > max) {
            throw new InvalidInputException(field, "at most " + max + " characters");
        }
        return value;
    }

    @PostMapping("/profile/chat-accounts/{tool}")
    String link(@PathVariable String tool, RedirectAttributes redirect) {
        try {
            var linked = api.link(tool);
            redirect.addFlashAttribute("flash", text("chat.ui.linked", linked.accountId()));
        } catch (ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/profile#chat-accounts";
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
