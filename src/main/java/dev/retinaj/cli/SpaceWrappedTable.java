package dev.retinaj.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;

/**
 * picocli's help table, wrapping only at spaces. picocli breaks lines where {@link java.text.BreakIterator}
 * allows, which includes after '.', '-' and before '[', so "--set train.max_iters=500" could print as
 * "train." and "max_iters=500" on two lines; here a token longer than the column is the only thing
 * ever split (picocli then breaks it as before).
 */
final class SpaceWrappedTable extends TextTable {
    private final Help.ColorScheme scheme;

    SpaceWrappedTable(Help.ColorScheme scheme, Column[] columns, int indentWrappedLines) {
        super(scheme, columns);
        this.scheme = scheme;
        this.indentWrappedLines = indentWrappedLines;
    }

    /** The option and parameter layout of {@code help}, on this table. */
    static Help.Layout layout(Help help) {
        Help.Layout def = help.createDefaultLayout();
        TextTable t = def.textTable();
        return new Help.Layout(help.colorScheme(), new SpaceWrappedTable(help.colorScheme(), t.columns(),
                t.indentWrappedLines), def.optionRenderer(), def.parameterRenderer());
    }

    @Override
    public Cell putValue(int row, int col, Text value) {
        Column c = columns()[col];
        if (c.overflow != Column.Overflow.WRAP || value == null) {
            return super.putValue(row, col, value);
        }
        String plain = value.plainString();
        int first = c.width - c.indent - 1;
        if (plain.length() <= first) {
            return super.putValue(row, col, value);
        }
        Cell at = null;
        int r = row;
        Text indent = scheme.ansi().new Text(" ".repeat(indentWrappedLines), scheme);
        List<int[]> pieces = pieces(plain, first, first - indentWrappedLines);
        for (int i = 0; i < pieces.size(); i++) {
            Text piece = value.substring(pieces.get(i)[0], pieces.get(i)[1]);
            if (i > 0) {
                addEmptyRow();
                r = rowCount() - 1;
                piece = indent.concat(piece);
            }
            at = super.putValue(r, col, piece);
            r = at.row;
        }
        return at;
    }

    /** [start, end) of each line: words joined by single spaces, first line {@code first} wide, then {@code rest}. */
    static List<int[]> pieces(String s, int first, int rest) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        int width = first;
        while (start < s.length()) {
            while (start < s.length() && s.charAt(start) == ' ') {
                start++;
            }
            if (start >= s.length()) {
                break;
            }
            int end = Math.min(s.length(), start + width);
            if (end < s.length() && s.charAt(end) != ' ') {
                int space = s.lastIndexOf(' ', end);
                end = space > start ? space : s.indexOf(' ', end) < 0 ? s.length() : s.indexOf(' ', end);
            }
            int trimmed = end;
            while (trimmed > start && s.charAt(trimmed - 1) == ' ') {
                trimmed--;
            }
            out.add(new int[] {start, trimmed});
            start = end;
            width = rest;
        }
        return out;
    }
}
