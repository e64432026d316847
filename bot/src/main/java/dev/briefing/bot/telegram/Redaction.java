package dev.briefing.bot.telegram;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one place the bot token is taken out of text. Every message the Telegram adapter writes about the Bot API (error
 * reasons, start-up failures), every answer body it reads (a proxy may echo {@code /bot<token>/getMe} back), and, once
 * {@link #installOnStandardError()} has run, every line written to standard error (where slf4j-simple, OkHttp's
 * java.util.logging and uncaught exceptions write) pass through {@link #redact(String)}.
 *
 * <p>It hides the token's secret part, the text after the colon, so the token is hidden in whatever form it appears:
 * whole, in a path ({@code /bot4242:…/getMe}) or URL-encoded ({@code 4242%3A…}). The secrets are process-wide, as
 * standard error is.
 */
public final class Redaction {

    /** What stands in for a secret. */
    public static final String HIDDEN = "[hidden]";

    private static final List<String> SECRETS = new CopyOnWriteArrayList<>();

    private Redaction() {
    }

    /** From now on, hides {@code token} wherever it is redacted. */
    public static void register(BotToken token) {
        Objects.requireNonNull(token, "token");
        String secret = token.value().substring(token.value().indexOf(':') + 1);
        if (!SECRETS.contains(secret)) {
            SECRETS.add(secret);
        }
    }

    /** From now on, hides {@code secret} (the webhook's secret token) wherever it is redacted. */
    static void register(WebhookSecret secret) {
        Objects.requireNonNull(secret, "secret");
        if (!SECRETS.contains(secret.value())) {
            SECRETS.add(secret.value());
        }
    }

    /** {@code text} with every registered secret replaced by {@link #HIDDEN}; null stays null. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : SECRETS) {
            if (out.contains(secret)) {
                out = out.replace(secret, HIDDEN);
            }
        }
        return out;
    }

    /**
     * Routes standard error through {@link #redact(String)}, line by line, so a log line that carries a token (a
     * library's message quoting an answer body, a URL in a stack trace) loses it before it is written. Idempotent;
     * install it before anything logs, as java.util.logging's console handler keeps the stream it first saw.
     */
    public static synchronized void installOnStandardError() {
        if (!(System.err instanceof RedactingStream)) {
            System.setErr(new RedactingStream(System.err));
        }
    }

    /**
     * A print stream that holds each line until it ends ({@code \n} or {@code \r}, which progress bars use) or is
     * flushed, and writes it redacted.
     */
    static final class RedactingStream extends PrintStream {

        RedactingStream(OutputStream target) {
            super(new LineRedactor(target), true, StandardCharsets.UTF_8);
        }
    }

    private static final class LineRedactor extends OutputStream {
        private final OutputStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

        LineRedactor(OutputStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n' || b == '\r') {
                emit();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public synchronized void flush() {
            emit();
            try {
                target.flush();
            } catch (java.io.IOException e) {
                // Standard error has nowhere to report its own failure.
            }
        }

        private void emit() {
            if (line.size() == 0) {
                return;
            }
            byte[] clean = redact(line.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            line.reset();
            try {
                target.write(clean);
            } catch (java.io.IOException e) {
                // As above.
            }
        }
    }
}
