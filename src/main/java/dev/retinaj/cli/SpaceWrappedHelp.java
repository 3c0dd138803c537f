package dev.retinaj.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Model.CommandSpec;

/**
 * picocli's help with the usage line and the command list wrapped only at spaces (see
 * {@link SpaceWrappedTable}): "[--detections=DT.json]" stays on one line.
 */
final class SpaceWrappedHelp extends Help {
    SpaceWrappedHelp(CommandSpec spec, ColorScheme scheme) {
        super(spec, scheme);
    }

    @Override
    protected String makeSynopsisFromParts(int headingLength, Text options, Text groups, Text endOfOptions,
                                           Text positionals, Text commands) {
        Text name = colorScheme().commandText(commandSpec().qualifiedName());
        Text all = name.concat(options).concat(groups).concat(endOfOptions).concat(positionals).concat(commands);
        int width = commandSpec().usageMessage().width();
        int indent = headingLength + commandSpec().qualifiedName().length() + 1;
        List<int[]> pieces = SpaceWrappedTable.pieces(all.plainString(), width - headingLength, width - indent);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pieces.size(); i++) {
            b.append(i == 0 ? "" : " ".repeat(indent)).append(all.substring(pieces.get(i)[0], pieces.get(i)[1]))
                    .append(System.lineSeparator());
        }
        return b.toString();
    }

    @Override
    public String commandList(Map<String, Help> subcommands) {
        List<Map.Entry<String, Help>> shown = new ArrayList<>();
        subcommands.forEach((n, h) -> {
            if (!h.commandSpec().usageMessage().hidden()) {
                shown.add(Map.entry(n, h));
            }
        });
        if (shown.isEmpty()) {
            return "";
        }
        int len = shown.stream().mapToInt(e -> e.getKey().length()).max().orElse(0);
        int width = commandSpec().usageMessage().width();
        SpaceWrappedTable t = new SpaceWrappedTable(colorScheme(), new Column[] {
            new Column(len + 2, 2, Column.Overflow.SPAN), new Column(width - (len + 2), 2, Column.Overflow.WRAP)}, 0);
        for (Map.Entry<String, Help> e : shown) {
            t.addRowValues(colorScheme().commandText(e.getKey()), summary(e.getValue().commandSpec()));
        }
        return t.toString();
    }

    /** The first line of a command's header, else of its description, as picocli lists it. */
    private Text summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        String[] description = spec.usageMessage().description();
        String first = header.length > 0 ? header[0] : description.length > 0 ? description[0] : "";
        return colorScheme().ansi().new Text(first.split("\\R", 2)[0], colorScheme());
    }

    /** Installs this help on {@code cl} and every subcommand. */
    static void install(CommandLine cl) {
        cl.setHelpFactory(SpaceWrappedHelp::new);
    }
}
