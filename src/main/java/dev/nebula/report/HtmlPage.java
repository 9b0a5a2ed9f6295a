package dev.nebula.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A self-contained HTML page: inline CSS, inline SVG charts and a few lines of inline script that sort a table by
 * the column whose header is clicked. Nothing is fetched, so the page opens offline and from a file.
 */
final class HtmlPage {
    /** A table cell: what it shows, and the number it sorts by (NaN: sorts by its text). */
    record Cell(String text, double sortKey) {
        static Cell text(String text) {
            return new Cell(text, Double.NaN);
        }

        static Cell number(String shown, double value) {
            return new Cell(shown, value);
        }
    }

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:1240px;padding:0 1em;color:#222}
            h1{font-size:1.5em}h2{margin-top:2em;border-bottom:1px solid #ccc}
            table{border-collapse:collapse;margin:.8em 0;font-size:13px}
            th,td{border:1px solid #ddd;padding:3px 7px;text-align:right;vertical-align:top}
            th{background:#f4f4f4;cursor:pointer;user-select:none}th.sorted-asc::after{content:" ▲"}th.sorted-desc::after{content:" ▼"}
            td:first-child,th:first-child,td.text{text-align:left}
            .charts{display:flex;flex-wrap:wrap;gap:12px}.charts figure{margin:0;flex:1 1 520px;max-width:620px}
            svg.chart{width:100%;height:auto;border:1px solid #eee}figcaption{font-size:12px;color:#555}
            .note{color:#555;font-size:13px}.missing{background:#fff4e0;padding:.5em 1em;border-left:4px solid #e90}
            .warn{background:#fde8e8;padding:.5em 1em;border-left:4px solid #c00}
            code{background:#f4f4f4;padding:0 3px}summary{cursor:pointer;color:#035;margin:.5em 0}
            """;

    /** Sorts on a header click: numbers by data-sort, the rest by text; a second click reverses. */
    private static final String SORT_SCRIPT = """
            document.querySelectorAll('table.sortable').forEach(function (table) {
              table.querySelectorAll('th').forEach(function (th, column) {
                th.addEventListener('click', function () {
                  var ascending = !th.classList.contains('sorted-asc');
                  table.querySelectorAll('th').forEach(function (h) { h.classList.remove('sorted-asc', 'sorted-desc'); });
                  th.classList.add(ascending ? 'sorted-asc' : 'sorted-desc');
                  var body = table.tBodies[0];
                  var rows = Array.prototype.slice.call(body.rows);
                  function key(row) {
                    var cell = row.cells[column];
                    var n = cell && cell.getAttribute('data-sort');
                    return n !== null && n !== '' ? parseFloat(n) : (cell ? cell.textContent : '');
                  }
                  rows.sort(function (a, b) {
                    var x = key(a), y = key(b), order;
                    if (typeof x === 'number' && typeof y === 'number') { order = x - y; }
                    else if (typeof x === 'number') { order = -1; }
                    else if (typeof y === 'number') { order = 1; }
                    else { order = String(x).localeCompare(String(y)); }
                    return ascending ? order : -order;
                  });
                  rows.forEach(function (row) { body.appendChild(row); });
                });
              });
            });
            """;

    private final StringBuilder body = new StringBuilder();
    private final String title;

    HtmlPage(String title) {
        this.title = title;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    HtmlPage heading(int level, String id, String text) {
        body.append("<h").append(level).append(id.isEmpty() ? "" : " id=\"" + escape(id) + "\"").append('>')
                .append(escape(text)).append("</h").append(level).append(">\n");
        return this;
    }

    /** A paragraph of trusted markup (callers escape what came from the data). */
    HtmlPage paragraph(String cssClass, String html) {
        body.append("<p").append(cssClass.isEmpty() ? "" : " class=\"" + cssClass + "\"").append('>').append(html).append("</p>\n");
        return this;
    }

    HtmlPage raw(String html) {
        body.append(html).append('\n');
        return this;
    }

    /** PngCharts side by side, each an inline SVG with its caption. */
    HtmlPage charts(List<String> svgs, List<String> captions) {
        body.append("<div class=\"charts\">\n");
        for (int i = 0; i < svgs.size(); i++) {
            body.append("<figure>").append(svgs.get(i)).append("<figcaption>").append(escape(captions.get(i)))
                    .append("</figcaption></figure>\n");
        }
        body.append("</div>\n");
        return this;
    }

    /** Tables longer than this are folded under a summary line, so that the charts stay in sight. */
    static final int FOLD_ROWS = 16;

    /** A table whose columns sort on a click; a long one folded, to be opened with a click. */
    HtmlPage table(String id, List<String> headers, List<List<Cell>> rows) {
        boolean fold = rows.size() > FOLD_ROWS;
        if (fold) {
            body.append("<details><summary>All ").append(rows.size()).append(" rows (click to open; click a header to sort)</summary>\n");
        }
        body.append("<table class=\"sortable\" id=\"").append(escape(id)).append("\"><thead><tr>");
        headers.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
        body.append("</tr></thead><tbody>\n");
        for (List<Cell> row : rows) {
            body.append("<tr>");
            for (Cell cell : row) {
                body.append("<td");
                if (Double.isFinite(cell.sortKey())) {
                    body.append(" data-sort=\"").append(cell.sortKey()).append('"');
                } else {
                    body.append(" class=\"text\"");
                }
                body.append('>').append(escape(cell.text())).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</tbody></table>\n");
        if (fold) {
            body.append("</details>\n");
        }
        return this;
    }

    /** A bulleted list of plain-text items. */
    HtmlPage list(String cssClass, List<String> items) {
        body.append("<ul").append(cssClass.isEmpty() ? "" : " class=\"" + cssClass + "\"").append('>');
        items.forEach(item -> body.append("<li>").append(escape(item)).append("</li>"));
        body.append("</ul>\n");
        return this;
    }

    String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n<style>\n" + STYLE + "</style></head>\n<body>\n"
                + "<h1>" + escape(title) + "</h1>\n" + body + "<script>\n" + SORT_SCRIPT + "</script>\n</body></html>\n";
    }

    /** A row of cells, for building tables in order. */
    static List<Cell> row(Cell... cells) {
        return new ArrayList<>(List.of(cells));
    }
}
