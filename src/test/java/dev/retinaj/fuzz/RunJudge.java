package dev.retinaj.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.checkpoint.CheckpointStore;
import dev.retinaj.cli.CliRunner;
import dev.retinaj.fuzz.Judge.Outcome;
import dev.retinaj.fuzz.Judge.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Verdicts of the run families: a training run that skipped a bad sample, predict's skip summary, what
 * a failed checkpoint write leaves behind, and a training process stopped by SIGINT.
 */
final class RunJudge {
    /** A progress-bar line (without a terminal the bar prints lines): not an error message. */
    static final Pattern PROGRESS = Pattern.compile("^\\S+ \\[[#.]*\\] ");
    private static final Pattern PREDICTED = Pattern.compile(
            "^(\\d+) images, \\d+ detections \\(score >= [\\d.]+\\) -> .*; (\\d+) bad images skipped "
                    + "\\(data\\.on_bad_sample: skip\\): (.*)$", Pattern.MULTILINE);
    private static final Pattern CRASH = Pattern.compile("SIGSEGV|SIGBUS|hs_err|A fatal error|\\tat |(^|\\s)at [\\w$.]+\\(");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunJudge() {}

    /** result.json must count the skip, name the bad file among the first skipped, and keep within the images. */
    static Verdict trainSkip(FuzzCase c) throws IOException {
        Path result = c.out().resolve("result.json");
        if (!Files.isRegularFile(result)) {
            return new Verdict(Outcome.WRONG, "exit 0 but no " + result);
        }
        JsonNode d = JSON.readTree(result.toFile()).path("data");
        if (d.path("images").asInt(-1) > c.maxImages() || d.path("images").asInt(-1) < 1) {
            return new Verdict(Outcome.WRONG, "trained on " + d.path("images") + " images, at most " + c.maxImages() + " are right");
        }
        if (d.path("skipped").asInt() < 1) {
            return new Verdict(Outcome.WRONG, "exit 0 and no skip counted in result.json: " + d);
        }
        for (JsonNode f : d.path("first_skipped")) {
            if (f.asText().contains(c.named())) {
                return Files.readString(c.out().resolve("train.log")).contains(c.named())
                        ? new Verdict(Outcome.COUNTED_SKIP, f.asText())
                        : new Verdict(Outcome.WRONG, "train.log does not name the skipped " + c.named());
            }
        }
        return new Verdict(Outcome.WRONG, "result.json's first_skipped does not name " + c.named() + ": " + d);
    }

    /** predict's summary must count the skip and name the file; no drawing and no detection of it. */
    static Verdict predictSkip(FuzzCase c, String out) throws IOException {
        Matcher m = PREDICTED.matcher(out);
        if (!m.find()) {
            return new Verdict(Outcome.WRONG, "exit 0 and no skip in the summary: " + out.strip());
        }
        if (Integer.parseInt(m.group(1)) > c.maxImages() || !m.group(3).contains(c.named())) {
            return new Verdict(Outcome.WRONG, "summary does not skip " + c.named() + " or counts too many images: " + m.group());
        }
        Path named = Path.of(c.named());
        String stem = named.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        if (Files.exists(c.out().resolve(stem + ".png"))) {
            return new Verdict(Outcome.WRONG, "the skipped image was drawn: " + c.out().resolve(stem + ".png"));
        }
        for (JsonNode d : JSON.readTree(c.out().resolve("detections.json").toFile())) {
            if (d.path("file").asText().equals(c.named())) {
                return new Verdict(Outcome.WRONG, "detections.json holds a detection of the skipped " + c.named());
            }
        }
        return new Verdict(Outcome.COUNTED_SKIP, m.group());
    }

    /** A run whose curves.png could not be written: finished, its train.log warns naming the plot, with no trace or .tmp. */
    static Verdict plotWarned(FuzzCase c) throws IOException {
        if (!Files.isRegularFile(c.out().resolve("result.json"))) {
            return new Verdict(Outcome.WRONG, "exit 0 but no result.json in " + c.out());
        }
        String log = Files.readString(c.out().resolve("train.log"));
        if (CRASH.matcher(log).find()) {
            return new Verdict(Outcome.TRACE, "a stack trace in train.log: " + tail(log));
        }
        if (Files.exists(c.out().resolve("curves.png.tmp"))) {
            return new Verdict(Outcome.WRONG, "curves.png.tmp left behind");
        }
        Optional<String> warn = log.lines().filter(l -> l.contains(" WARN ") && l.contains(c.named())).findFirst();
        return warn.isPresent() ? new Verdict(Outcome.COUNTED_SKIP, warn.get())
                : new Verdict(Outcome.WRONG, "no WARN line names " + c.named());
    }

    /** After a failed run: no checkpoint .tmp left, and the latest checkpoint (if any) whole. */
    static Verdict leftBehind(FuzzCase c, String line) throws IOException {
        Path ckpts = c.out().resolve("checkpoints");
        if (Files.isDirectory(ckpts)) {
            try (Stream<Path> s = Files.walk(ckpts)) {
                Optional<Path> tmp = s.filter(p -> p.getFileName().toString().endsWith(".tmp")).findFirst();
                if (tmp.isPresent()) {
                    return new Verdict(Outcome.WRONG, "left " + tmp.get() + " behind");
                }
            }
            Optional<Path> latest = new CheckpointStore(ckpts, 3).latest();
            if (latest.isPresent() && !Files.isRegularFile(latest.get().resolve(CheckpointStore.MODEL))) {
                return new Verdict(Outcome.WRONG, latest.get() + " is not whole");
            }
        }
        return new Verdict(Outcome.CLEAN_ERROR, line);
    }

    /** A SIGINT to a real {@code train}: exit 130, no crash, the resume line, the stopped step checkpointed. */
    static Verdict interrupt(FuzzCase c, CliRunner.Result r) throws IOException {
        String log = r.err();
        if (CRASH.matcher(log).find() || r.code() != 130 && r.code() != 0) {
            return new Verdict(Outcome.TRACE, "rc " + r.code() + ": " + tail(log));
        }
        if (r.code() == 0) {
            return new Verdict(Outcome.WRONG, "exit 0: the signal was ignored (or came too late): " + tail(log));
        }
        if (!log.contains("resume with: retinaj train --resume " + c.out())) {
            return new Verdict(Outcome.WRONG, "no resume line: " + tail(log));
        }
        if (Files.exists(c.out().resolve("result.json"))) {
            return new Verdict(Outcome.WRONG, "result.json written by an interrupted run");
        }
        long last = FuzzInterruptCases.lastIter(c.out().resolve("metrics.jsonl"));
        Optional<Path> latest = new CheckpointStore(c.out().resolve("checkpoints"), 3).latest();
        long at = latest.isEmpty() ? -1 : CheckpointStore.readMeta(latest.get()).iteration();
        return at == last && last > 0 ? new Verdict(Outcome.CLEAN_ERROR, "exit 130, checkpoint of iteration " + at)
                : new Verdict(Outcome.WRONG, "stopped after iteration " + last + ", latest checkpoint " + at);
    }

    private static String tail(String log) {
        List<String> lines = log.strip().lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
