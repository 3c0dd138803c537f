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

    /** The help text with shell continuations joined, as a shell reads a pasted example. */
    private static String pasted(String help) {
        return help.replaceAll(" \\\\\\R\\s+", " ");
    }

    @Test
    void examplesSurviveEightyColumns() {
        CommandLine root = Main.commandLine();
        root.setUsageHelpAutoWidth(false);
        root.setUsageHelpWidth(80);
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
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
