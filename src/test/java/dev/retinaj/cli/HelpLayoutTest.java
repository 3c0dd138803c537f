package dev.retinaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help at 80 columns: no example is split inside a token, and pasting one runs it unchanged. */
class HelpLayoutTest {
    private static void collect(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                collect(sub, out);
            }
        });
    }

    /** Every command (not "help"), its help 80 columns wide. */
    private static List<CommandLine> everyCommandAt80() {
        CommandLine root = Main.commandLine();
        root.setUsageHelpAutoWidth(false);
        root.setUsageHelpWidth(80);
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    /** The help text with shell continuations joined, as a shell reads a pasted example. */
    private static String pasted(String help) {
        return help.replaceAll(" \\\\\\R\\s+", " ");
    }

    @Test
    void examplesSurviveEightyColumns() {
        List<CommandLine> all = everyCommandAt80();
        int examples = 0;
        int wrapped = 0;
        for (CommandLine cl : all) {
            String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            String name = cl.getCommandSpec().qualifiedName();
            for (String line : help.split("\\R")) {
                assertTrue(line.length() <= 80, name + ": a help line of " + line.length() + " chars: " + line);
            }
            for (String footer : cl.getCommandSpec().usageMessage().footer()) {
                String example = footer.strip();
                if (!example.startsWith("retinaj ")) {
                    continue;
                }
                examples++;
                wrapped += footer.length() > 80 ? 1 : 0;
                assertTrue(pasted(help).contains(example), name + ": example not intact after wrapping: " + example
                        + "\n" + help);
                for (String token : example.split(" +")) {
                    assertTrue(help.matches("(?s).*(^|\\s)" + java.util.regex.Pattern.quote(token) + "(\\s|$).*"),
                            name + ": token split: " + token);
                }
            }
        }
        assertTrue(examples >= 20, "examples found: " + examples);
        assertTrue(wrapped >= 3, "long examples that had to wrap: " + wrapped);
    }

    /**
     * Where a line ends inside a token: the last word of {@code line} and the first of {@code next}, joined
     * without a space, are text of the help's source ({@code source}: its descriptions, footer, option names
     * with their labels) that the source never separates by a space there ("train." + "max_iters=500",
     * "config." + "yaml", "--detections=" + "DT.json"); null for a break at a space.
     */
    static String splitToken(String line, String next, String source) {
        if (line.isBlank() || next.isBlank()) {
            return null;
        }
        String a = line.substring(line.lastIndexOf(' ') + 1).replaceFirst("^[\\[(<\"']+", "");
        String b = next.strip().split(" ", 2)[0].replaceFirst("[\\])>\"',;.]+$", "");
        if (a.isEmpty() || b.isEmpty()) {
            return null;
        }
        return source.contains(a + b) && !source.contains(a + " " + b) ? a + b : null;
    }

    /** Everything the help of {@code cl} is made of, as written in the code. */
    private static String source(CommandLine cl) {
        StringBuilder b = new StringBuilder();
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        List.of(spec.usageMessage().description()).forEach(d -> b.append(d).append('\n'));
        List.of(spec.usageMessage().footer()).forEach(d -> b.append(d).append('\n'));
        for (CommandLine.Model.OptionSpec o : spec.options()) {
            List.of(o.description()).forEach(d -> b.append(d).append('\n'));
            for (String n : o.names()) {
                b.append(n).append('=').append(o.paramLabel()).append('\n');
            }
        }
        spec.positionalParameters().forEach(p -> List.of(p.description()).forEach(d -> b.append(d).append('\n')));
        cl.getSubcommands().values().forEach(sub ->
                List.of(sub.getCommandSpec().usageMessage().description()).forEach(d -> b.append(d).append('\n')));
        return b.toString();
    }

    @Test
    void noHelpLineBreaksInsideAToken() {
        List<CommandLine> all = everyCommandAt80();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (CommandLine cl : all) {
            String src = source(cl);
            String[] lines = cl.getUsageMessage(CommandLine.Help.Ansi.OFF).split("\\R");
            for (int i = 0; i + 1 < lines.length; i++) {
                String t = splitToken(lines[i], lines[i + 1], src);
                checked++;
                if (t != null) {
                    broken.add(cl.getCommandSpec().qualifiedName() + ": " + t);
                }
            }
        }
        assertEquals(List.of(), broken);
        assertTrue(checked > 400, "line pairs checked: " + checked);
    }

    @Test
    void theTokenCheckFindsWhatPicocliUsedToPrint() {
        String src = "Override config keys, e.g. --set train.lr=0.02 train.max_iters=500 (one or more pairs).\n"
                + "A run directory (its config.yaml unless -c). Show this help message and exit.\n--detections=DT.json\n";
        assertEquals("train.max_iters=500", splitToken("  --set  e.g. --set train.lr=0.02 train.", "      max_iters=500 (one", src));
        assertEquals("config.yaml", splitToken("      --weights=W  A run directory (its config.", "   yaml unless -c)", src));
        assertEquals("--detections=DT.json", splitToken("  Usage: retinaj eval [--detections=", "     DT.json] [-h]", src));
        assertEquals(null, splitToken("  Override config keys, e.g. --set train.lr=0.02", "  train.max_iters=500", src));
        assertEquals(null, splitToken("  Show this help message and exit.", "  -V, --version", src));
        assertEquals(null, splitToken("  A run directory (its", "  config.yaml unless", src));
    }

    @Test
    void wrapsAtSpacesWithContinuations() {
        String line = "  retinaj train -c configs/shapes_r18_fpn_demo.yaml --set train.lr=0.02 --set train.max_iters=3000";
        List<String> parts = HelpLayout.wrap(line, 60);
        assertEquals(List.of("  retinaj train -c configs/shapes_r18_fpn_demo.yaml --set \\",
                "        train.lr=0.02 --set train.max_iters=3000"), parts);
        assertEquals(List.of("short"), HelpLayout.wrap("short", 60));
        assertEquals(List.of("  some prose that is", "  longer than the", "  width"),
                HelpLayout.wrap("  some prose that is longer than the width", 20));
    }
}
