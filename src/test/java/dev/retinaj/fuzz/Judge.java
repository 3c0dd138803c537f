package dev.retinaj.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.retinaj.cli.CliRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Classifies what the CLI did with a fuzz case. */
final class Judge {
    /** A stack frame, an exception class name or a parser's feature switch: never for the user's eyes (stderr or stdout). */
    private static final Pattern TRACE = Pattern.compile(
            "(^|\\s)at [\\w$.]+\\(|\\b[A-Z]\\w*(Exception|Error)\\b|\\bhs_err|\\w*Feature\\.[A-Z_]{3,}|/xml/features/");
    private static final Pattern CONVERTED = Pattern.compile(": \\{([^}]*)\\}; (\\d+) boxes");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    enum Outcome { CLEAN_ERROR, COUNTED_SKIP, OK, WRONG, TRACE }

    /** The outcome and, unless clean, why. */
    record Verdict(Outcome outcome, String why) {}

    private final String secret;
    private final List<Path> outside;

    /** @param secret text that must never show up; @param outside files that must never be copied */
    Judge(String secret, List<Path> outside) {
        this.secret = secret;
        this.outside = outside;
    }

    Verdict judge(FuzzCase c, CliRunner.Result r) {
        if (c.kind() == FuzzCase.Kind.INTERRUPT) {
            try {
                return RunJudge.interrupt(c, r);
            } catch (IOException | RuntimeException e) {
                return new Verdict(Outcome.WRONG, "run directory unreadable: " + e);
            }
        }
        if (TRACE.matcher(r.err()).find() || TRACE.matcher(r.out()).find() || r.code() < 0 || r.code() > 2) {
            return new Verdict(Outcome.TRACE, "rc " + r.code() + ": " + r.err().strip());
        }
        if (r.out().contains(secret) || r.err().contains(secret)) {
            return new Verdict(Outcome.WRONG, "the secret was printed");
        }
        try {
            if (r.code() != 0) {
                return failed(c, r);
            }
            return switch (c.kind()) {
                case STATS -> stats(c, r.out());
                case CONVERT -> convert(c, r.out());
                case CONFIG_ROUNDTRIP -> roundTrip(c, r.out());
                case TRAIN_SKIP -> RunJudge.trainSkip(c);
                case PREDICT_SKIP -> RunJudge.predictSkip(c, r.out());
                case PLOT_WARN -> RunJudge.plotWarned(c);
                case CONFIG_INVALID, EVAL_INVALID, RUN_INVALID, CONVERT_INVALID, DISK, INTERRUPT ->
                        new Verdict(Outcome.WRONG, "accepted: " + r.out().strip());
            };
        } catch (IOException | RuntimeException e) {
            return new Verdict(Outcome.WRONG, "output unreadable: " + e);
        }
    }

    /** A non-zero exit: one "retinaj: " line (progress-bar lines aside) naming what it should; skips must not fail. */
    private Verdict failed(FuzzCase c, CliRunner.Result r) throws IOException {
        List<String> lines = r.err().strip().lines().filter(l -> !l.contains("see '"))
                .filter(l -> !RunJudge.PROGRESS.matcher(l).find()).toList();
        if (lines.size() != 1 || !lines.get(0).startsWith("retinaj: ")) {
            return new Verdict(Outcome.TRACE, "not one line: " + r.err().strip());
        }
        String line = lines.get(0);
        if (c.kind() == FuzzCase.Kind.TRAIN_SKIP || c.kind() == FuzzCase.Kind.PREDICT_SKIP) {
            return new Verdict(Outcome.WRONG, "failed under data.on_bad_sample: skip: " + line);
        }
        if (c.kind() == FuzzCase.Kind.PLOT_WARN) {
            return new Verdict(Outcome.WRONG, "a plot that cannot be written stopped the run: " + line);
        }
        if (c.named() != null && !line.contains(c.named())) {
            return new Verdict(Outcome.WRONG, "does not name " + c.named() + ": " + line);
        }
        if (c.kind() == FuzzCase.Kind.CONVERT_INVALID && c.out() != null && Files.exists(c.out())) {
            try (Stream<Path> s = Files.walk(c.out())) {
                Optional<Path> written = s.filter(Files::isRegularFile).findFirst();
                if (written.isPresent()) {
                    return new Verdict(Outcome.WRONG, "failed but wrote " + written.get() + ": " + line);
                }
            }
        }
        return c.kind() == FuzzCase.Kind.DISK ? RunJudge.leftBehind(c, line) : new Verdict(Outcome.CLEAN_ERROR, line);
    }

    private Verdict stats(FuzzCase c, String out) throws IOException {
        JsonNode j = JSON.readTree(out);
        List<String> classes = new ArrayList<>();
        j.get("per_class").fieldNames().forEachRemaining(classes::add);
        String bounds = bounds(c, j.get("images").asInt(), j.get("boxes").asInt(), classes);
        if (bounds != null) {
            return new Verdict(Outcome.WRONG, bounds);
        }
        if (j.get("problems").size() == 0) {
            return new Verdict(Outcome.WRONG, "exit 0 and no problem listed");
        }
        return c.named() == null || j.get("problems").toString().contains(c.named())
                ? new Verdict(Outcome.COUNTED_SKIP, j.get("problems").get(0).toString())
                : new Verdict(Outcome.WRONG, "no problem names " + c.named() + ": " + j.get("problems"));
    }

    private Verdict convert(FuzzCase c, String out) throws IOException {
        Matcher m = CONVERTED.matcher(out);
        if (!m.find()) {
            return new Verdict(Outcome.WRONG, "no summary: " + out.strip());
        }
        int images = 0;
        for (String part : m.group(1).split(",\\s*")) {
            images += part.isBlank() ? 0 : Integer.parseInt(part.substring(part.indexOf('=') + 1).trim());
        }
        String bounds = bounds(c, images, Integer.parseInt(m.group(2)), List.of());
        if (bounds == null) {
            bounds = copiedFromOutside(c.out());
        }
        if (bounds != null) {
            return new Verdict(Outcome.WRONG, bounds);
        }
        if (!out.contains("problems (skipped)")) {
            return new Verdict(Outcome.WRONG, "exit 0 and no problem reported");
        }
        return c.named() == null || out.contains(c.named()) ? new Verdict(Outcome.COUNTED_SKIP, out.strip())
                : new Verdict(Outcome.WRONG, "the summary does not name " + c.named() + ": " + out.strip());
    }

    private String bounds(FuzzCase c, int images, int boxes, List<String> classes) {
        if (images > c.maxImages() || boxes > c.maxBoxes()) {
            return images + " images / " + boxes + " boxes, at most " + c.maxImages() + " / " + c.maxBoxes() + " are right";
        }
        for (String k : classes) {
            if (!c.classes().contains(k)) {
                return "class '" + k + "' should not exist";
            }
        }
        return null;
    }

    private String copiedFromOutside(Path out) throws IOException {
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains(secret)) {
                    return p + " holds the secret";
                }
                for (Path o : outside) {
                    if (Files.isSameFile(p, o) || Files.mismatch(p, o) == -1) {
                        return p + " is " + o;
                    }
                }
            }
        }
        return null;
    }

    private Verdict roundTrip(FuzzCase c, String out) throws IOException {
        JsonNode classes = YAML.readTree(out).path("data").path("classes");
        List<String> got = new ArrayList<>();
        for (Iterator<JsonNode> it = classes.elements(); it.hasNext(); ) {
            JsonNode n = it.next();
            got.add(n.isTextual() ? n.asText() : "<" + n.getNodeType() + " " + n + ">");
        }
        return got.equals(c.expectClasses()) ? new Verdict(Outcome.OK, "")
                : new Verdict(Outcome.WRONG, "reloads as " + got + ", not " + c.expectClasses());
    }
}
