/**
 * Chat-ops (R3, R12, R17, R21; issue 14): incidents run from Slack, Mattermost and Microsoft Teams. One adapter
 * interface ({@link io.tocsin.chat.ChatAdapter}): the incident lifecycle goes out through it (a room per incident,
 * its topic, invitations, the timeline mirror, archiving), commands and buttons come in through it, and pages reach
 * people as direct messages (the {@code CHAT} contact method of notify). Every outgoing call goes through a durable
 * queue ({@code chat_task}) drained by a worker, so a chat outage delays messages and never loses them or fails an
 * incident action; rate limits (HTTP 429 with {@code Retry-After}) are honoured. A new chat tool is one adapter.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Chat")
package io.tocsin.chat;
