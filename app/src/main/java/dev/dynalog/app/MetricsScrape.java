package dev.dynalog.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A node's {@code GET /metrics} read once, as the samples of the families a command prints. */
final class MetricsScrape {
    /** A sample line: name, labels, value (the exposition format's optional timestamp is not used by dynalog). */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(.*)\\} (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One labelled sample. */
    record Sample(String name, Map<String, String> labels, double value) {
        String label(String label) {
            return labels.get(label);
        }
    }

    private final String body;

    private MetricsScrape(String body) {
        this.body = body;
    }

    /** Reads the node's metrics, or tells the user on {@code err} why it could not (empty then). */
    static Optional<MetricsScrape> readOrTell(URI endpoint, PrintWriter err) throws InterruptedException {
        try {
            return Optional.of(read(endpoint));
        } catch (IOException e) {
            err.println(e.getMessage());
            err.flush();
            return Optional.empty();
        }
    }

    /** Reads the node's metrics; the IOException's message says what went wrong, for the user. */
    static MetricsScrape read(URI endpoint) throws IOException, InterruptedException {
        URI metrics = endpoint.resolve("/metrics");
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
                    HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("Could not read " + metrics + ": " + e, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(metrics + " answered " + response.statusCode());
        }
        return new MetricsScrape(response.body());
    }

    static MetricsScrape of(String exposition) {
        return new MetricsScrape(exposition);
    }

    /** The labelled samples whose name is one of {@code names}, in the node's order. */
    List<Sample> samples(String... names) {
        List<String> wanted = List.of(names);
        List<Sample> samples = new ArrayList<>();
        for (String line : body.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches() || !wanted.contains(m.group(1))) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            Matcher l = LABEL.matcher(m.group(2));
            while (l.find()) {
                labels.put(l.group(1), unescape(l.group(2)));
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return samples;
    }

    /** Undoes the format's label escapes: backslash, double quote, line feed. */
    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
