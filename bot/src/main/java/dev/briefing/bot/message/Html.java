package dev.briefing.bot.message;

/** Telegram HTML: escaping text so it never reads as markup. */
public final class Html {

    private Html() {
    }

    /**
     * Escapes {@code <}, {@code >}, {@code &} and {@code "}: Telegram answers 400 "can't parse entities"
     * to any other use of them, and a user's or an article's text may hold any of them.
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code text} escaped and in bold. */
    public static String bold(String text) {
        return "<b>" + escape(text) + "</b>";
    }

    /** {@code text} escaped and in italics. */
    public static String italic(String text) {
        return "<i>" + escape(text) + "</i>";
    }
}
