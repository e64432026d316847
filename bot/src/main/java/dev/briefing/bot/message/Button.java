package dev.briefing.bot.message;

import java.nio.charset.StandardCharsets;

/**
 * A button under a message; pressing it comes back as a {@link ButtonPress} carrying {@code data}.
 *
 * @param label what the button shows
 * @param data what a press carries back, at most {@link #MAX_DATA_BYTES} bytes of UTF-8
 */
public record Button(String label, String data) {

    /** Telegram's limit on callback data. */
    public static final int MAX_DATA_BYTES = 64;

    public Button {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("illegal button label: '" + label + "', must be non-blank");
        }
        if (data == null || data.isEmpty() || data.getBytes(StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("illegal button data: '" + data + "', must be 1 to "
                    + MAX_DATA_BYTES + " bytes");
        }
    }
}
