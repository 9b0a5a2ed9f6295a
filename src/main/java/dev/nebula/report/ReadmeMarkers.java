package dev.nebula.report;

import dev.nebula.NebulaException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated blocks of a README: the text between {@code <!-- nebula:results begin block=NAME run=STAMP -->} and
 * {@code <!-- nebula:results end block=NAME -->}, which {@link ReadmeResults} owns and nobody types. Everything outside
 * the markers is left byte for byte as it was.
 */
final class ReadmeMarkers {
    private static final Pattern BEGIN = Pattern.compile("<!-- nebula:results begin block=([a-z0-9-]+) run=(\\S+) -->");
    private static final Pattern END = Pattern.compile("<!-- nebula:results end block=([a-z0-9-]+) -->");

    /** One block as the README has it: its name, the run it was generated from, and its lines (markers excluded). */
    record Block(String name, String run, int firstLine, int endLine) {}

    private ReadmeMarkers() {}

    static String begin(String name, String stamp) {
        return "<!-- nebula:results begin block=" + name + " run=" + stamp + " -->";
    }

    static String end(String name) {
        return "<!-- nebula:results end block=" + name + " -->";
    }

    /** The README's blocks in order; a README without any, or with a block left open or unknown, is refused with how to mark one. */
    static List<Block> blocks(String readme, Set<String> known) {
        List<String> lines = readme.lines().toList();
        List<Block> blocks = new ArrayList<>();
        String open = null;
        String run = null;
        int first = 0;
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher begin = BEGIN.matcher(lines.get(i).strip());
            Matcher end = END.matcher(lines.get(i).strip());
            if (begin.matches()) {
                if (open != null) {
                    throw new NebulaException("line " + (i + 1) + " begins block " + begin.group(1) + " inside block " + open
                            + ", which is not ended: add " + end(open) + " before it");
                }
                open = begin.group(1);
                if (!known.contains(open)) {
                    throw new NebulaException("line " + (i + 1) + " names block " + open + ", which the report does not generate; valid: "
                            + String.join(", ", known));
                }
                if (!seen.add(open)) {
                    throw new NebulaException("line " + (i + 1) + ": block " + open + " appears twice; each block may appear once");
                }
                run = begin.group(2);
                first = i + 1;
            } else if (end.matches()) {
                if (open == null || !open.equals(end.group(1))) {
                    throw new NebulaException("line " + (i + 1) + " ends block " + end.group(1) + ", which is not open"
                            + (open == null ? "" : " (block " + open + " is)"));
                }
                blocks.add(new Block(open, run, first, i));
                open = null;
            }
        }
        if (open != null) {
            throw new NebulaException("block " + open + " (line " + first + ") is never ended: add " + end(open));
        }
        if (blocks.isEmpty()) {
            throw new NebulaException("no generated block in it: mark where the run's figures go with a line "
                    + begin("NAME", "STAMP") + " and a line " + end("NAME") + " (NAME one of " + String.join(", ", known)
                    + "); the text between them is replaced");
        }
        return blocks;
    }

    /** The one run the README's blocks were generated from; blocks from two runs are refused. */
    static String run(List<Block> blocks) {
        Set<String> runs = new LinkedHashSet<>(blocks.stream().map(Block::run).toList());
        if (runs.size() != 1) {
            throw new NebulaException("its blocks come from " + runs.size() + " runs (" + String.join(", ", runs)
                    + "): regenerate them all from one with Report --readme");
        }
        return runs.iterator().next();
    }

    /** The README with every block's text replaced by {@code generated}'s, and its markers naming {@code stamp}. */
    static String fill(String readme, Map<String, String> generated, String stamp) {
        List<String> lines = readme.lines().toList();
        List<Block> blocks = blocks(readme, generated.keySet());
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (Block block : blocks) {
            lines.subList(next, block.firstLine() - 1).forEach(line -> out.append(line).append('\n'));
            // Blank lines around the text, so that Markdown never reads it as part of the comment's HTML block.
            out.append(begin(block.name(), stamp)).append("\n\n");
            String text = generated.get(block.name()).strip();
            if (!text.isEmpty()) {
                out.append(text).append("\n\n");
            }
            out.append(end(block.name())).append('\n');
            next = block.endLine() + 1;
        }
        lines.subList(next, lines.size()).forEach(line -> out.append(line).append('\n'));
        return readme.endsWith("\n") || readme.isEmpty() ? out.toString() : out.substring(0, out.length() - 1);
    }
}
