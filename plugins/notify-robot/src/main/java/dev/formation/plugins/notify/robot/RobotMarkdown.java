package dev.formation.plugins.notify.robot;

import dev.formation.plugin.api.Notification;
import java.nio.charset.StandardCharsets;

/**
 * A notification as the markdown of a chat group: the subject as a heading, the person it is
 * for in bold (the group robot speaks to the whole group, and the texts say "you"), the body,
 * and the link to the task. The texts come from the engine's own messages, in the recipient's
 * language; only what would change the message's structure (square brackets in a link's text,
 * line breaks in the subject) is replaced.
 */
public final class RobotMarkdown {

    private RobotMarkdown() {
    }

    /** The subject on one line, fit for a message's title. */
    public static String title(Notification n) {
        return oneLine(n.subject());
    }

    /**
     * @param lineBreak what ends a line of the body: DingTalk's markdown joins single line breaks,
     *                  so it needs a blank line; WeCom keeps them
     * @param maxBytes  the longest text the robot takes, in UTF-8 bytes (the body is shortened)
     */
    public static String text(Notification n, String lineBreak, int maxBytes) {
        String head = "#### " + title(n) + "\n\n" + (n.recipientName() == null || n.recipientName().isBlank()
                ? "**" + oneLine(n.recipient()) + "**" : "**" + oneLine(n.recipientName()) + "**") + "\n\n";
        String tail = n.link() == null ? "" : "\n\n[" + n.link().replace('[', '【').replace(']', '】') + "]("
                + n.link().replace(" ", "%20").replace(")", "%29") + ")";
        String body = String.join(lineBreak, n.body().strip().split("\n"));
        int room = maxBytes - utf8(head) - utf8(tail);
        return head + clip(body, room) + tail;
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ").strip();
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The longest start of {@code s} that fits {@code bytes} with an ellipsis, cut between characters. */
    static String clip(String s, int bytes) {
        if (utf8(s) <= bytes) {
            return s;
        }
        int budget = bytes - utf8("…");
        int used = 0;
        int end = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int size = utf8(new String(Character.toChars(cp)));
            if (used + size > budget) {
                break;
            }
            used += size;
            end += Character.charCount(cp);
        }
        return s.substring(0, end) + "…";
    }
}
