package dev.retinaj.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Help that can be copied: the usage width follows the terminal (picocli's auto width, 80 without
 * one), and no line is broken inside a word: the usage line, descriptions, option and command lists
 * wrap at spaces only ({@link SpaceWrappedHelp}, {@link SpaceWrappedTable}), and the footer's example
 * command lines are never split inside a word. An example longer
 * than the width is broken at spaces into shell continuation lines ({@code \} at the end, the rest
 * indented), so pasting it runs the same command; other footer text is wrapped at spaces.
 */
public final class HelpLayout {
    static final String CONTINUATION_INDENT = "      ";

    private HelpLayout() {}

    /** Applies the layout to {@code cl} and every subcommand under it. */
    public static CommandLine install(CommandLine cl) {
        cl.setUsageHelpAutoWidth(true);
        SpaceWrappedHelp.install(cl);
        apply(cl);
        return cl;
    }

    private static void apply(CommandLine cl) {
        cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_FOOTER,
                help -> footer(help.commandSpec().usageMessage().footer(), help.commandSpec().usageMessage().width()));
        cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_DESCRIPTION,
                help -> footer(help.commandSpec().usageMessage().description(), help.commandSpec().usageMessage().width()));
        cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> help.optionList(
                SpaceWrappedTable.layout(help), help.createDefaultOptionSort(), help.parameterLabelRenderer()));
        cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_PARAMETER_LIST,
                help -> help.parameterList(SpaceWrappedTable.layout(help), help.parameterLabelRenderer()));
        cl.getSubcommands().values().forEach(HelpLayout::apply);
    }

    static String footer(String[] lines, int width) {
        StringBuilder b = new StringBuilder();
        for (String raw : lines) {
            for (String line : raw.replace("%n", "\n").replace("%%", "%").split("\n", -1)) {
                for (String part : wrap(line, width)) {
                    b.append(part).append(System.lineSeparator());
                }
            }
        }
        return b.toString();
    }

    /** {@code line} in pieces of at most {@code width} characters, broken only at spaces. */
    static List<String> wrap(String line, int width) {
        List<String> out = new ArrayList<>();
        if (line.length() <= width) {
            out.add(line);
            return out;
        }
        String indent = line.substring(0, line.length() - line.stripLeading().length());
        boolean command = line.stripLeading().startsWith("retinaj ");
        String nextIndent = command ? indent + CONTINUATION_INDENT : indent;
        String suffix = command ? " \\" : "";
        StringBuilder cur = new StringBuilder(indent);
        boolean first = true;
        for (String word : line.strip().split(" +")) {
            int lead = cur.length() == (first ? indent.length() : nextIndent.length()) ? 0 : 1;
            if (cur.length() + lead + word.length() + suffix.length() > width && lead == 1) {
                out.add(cur + suffix);
                cur = new StringBuilder(nextIndent);
                first = false;
                lead = 0;
            }
            cur.append(lead == 1 ? " " : "").append(word);
        }
        out.add(cur.toString());
        return out;
    }
}
