package org.gongkai.reporting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.gongkai.requests.ApplicantCategory;
import org.gongkai.requests.Table3Row;
import org.gongkai.infrastructure.PdfRenderer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The annual report in the official layout of 国办公开办函〔2021〕30号: as (X)HTML for the public item page and the PDF, as
 * DOCX for editing in an office, and its figures as XLSX.
 */
@Component
public class AnnualReportRendering {

    private static final String[] SECTION_TITLES = {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"};

    private static final String[] CATEGORY_LABELS = {"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"};

    private final PdfRenderer pdf;

    AnnualReportRendering(PdfRenderer pdf) {
        this.pdf = pdf;
    }

    // ---- HTML -------------------------------------------------------------------------------------------------------

    /** The report's body: well-formed XHTML that the body sanitiser keeps as it is (headings, paragraphs, tables). */
    public String bodyHtml(AnnualReport r) {
        StringBuilder h = new StringBuilder();
        h.append("<p>").append(esc(opening(r))).append("</p>");
        h.append("<h2>").append(SECTION_TITLES[0]).append("</h2>").append(paragraphs(r.overview()));
        h.append("<h2>").append(SECTION_TITLES[1]).append("</h2>").append(table2(r));
        h.append("<h2>").append(SECTION_TITLES[2]).append("</h2>").append(table3(r));
        h.append("<h2>").append(SECTION_TITLES[3]).append("</h2>").append(table4(r));
        h.append("<h2>").append(SECTION_TITLES[4]).append("</h2>").append(paragraphs(r.problems()));
        h.append("<h2>").append(SECTION_TITLES[5]).append("</h2>").append(paragraphs(r.other()));
        return h.toString();
    }

    /** The opening paragraph of every form of the report (page, PDF, DOCX). */
    static String opening(AnnualReport r) {
        return "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条和国务院办公厅政府信息与政务公开办公室"
                + "《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。报告所列数据的统计期限自"
                + r.year() + "年1月1日起至" + r.year() + "年12月31日止。";
    }

    private static String table2(AnnualReport r) {
        AnnualReport.Figures f = r.figures();
        AnnualReport.Tallies t = r.tallies();
        return "<table><caption>表一　主动公开政府信息情况</caption><tbody>"
                + "<tr><th colspan=\"4\" scope=\"colgroup\">第二十条第（一）项</th></tr>"
                + "<tr><th scope=\"col\">信息内容</th><th scope=\"col\">本年制发件数</th><th scope=\"col\">本年废止件数</th><th scope=\"col\">现行有效件数</th></tr>"
                + "<tr><th scope=\"row\">规章</th><td>" + f.rulesIssued() + "</td><td>" + f.rulesRepealed() + "</td><td>" + f.rulesInForce() + "</td></tr>"
                + "<tr><th scope=\"row\">行政规范性文件</th><td>" + t.normativeIssued() + "</td><td>" + t.normativeRepealed() + "</td><td>"
                + t.normativeInForce() + "</td></tr>"
                + "<tr><th colspan=\"4\" scope=\"colgroup\">第二十条第（五）项</th></tr>"
                + "<tr><th scope=\"col\">信息内容</th><th colspan=\"3\" scope=\"col\">本年处理决定数量</th></tr>"
                + "<tr><th scope=\"row\">行政许可</th><td colspan=\"3\">" + f.licences() + "</td></tr>"
                + "<tr><th colspan=\"4\" scope=\"colgroup\">第二十条第（六）项</th></tr>"
                + "<tr><th scope=\"col\">信息内容</th><th colspan=\"3\" scope=\"col\">本年处理决定数量</th></tr>"
                + "<tr><th scope=\"row\">行政处罚</th><td colspan=\"3\">" + f.penalties() + "</td></tr>"
                + "<tr><th scope=\"row\">行政强制</th><td colspan=\"3\">" + f.enforcement() + "</td></tr>"
                + "<tr><th colspan=\"4\" scope=\"colgroup\">第二十条第（八）项</th></tr>"
                + "<tr><th scope=\"col\">信息内容</th><th colspan=\"3\" scope=\"col\">本年收费金额（单位：万元）</th></tr>"
                + "<tr><th scope=\"row\">行政事业性收费</th><td colspan=\"3\">" + f.fees().toPlainString() + "</td></tr>"
                + "</tbody></table>";
    }

    private record Table3Layout(Table3Row row, String group, int groupRows, String label) {
    }

    /** The rows of Table 3 as the format prints them: the 办理结果 block with its sub-groups. */
    private static final List<Table3Layout> TABLE3_ROWS = List.of(
            new Table3Layout(Table3Row.DISCLOSED, "（一）予以公开", 1, null),
            new Table3Layout(Table3Row.PARTLY_DISCLOSED, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, null),
            new Table3Layout(Table3Row.NOT_DISCLOSED_STATE_SECRET, "（三）不予公开", 8, "1.属于国家秘密"),
            new Table3Layout(Table3Row.NOT_DISCLOSED_LAW_FORBIDS, null, 0, "2.其他法律行政法规禁止公开"),
            new Table3Layout(Table3Row.NOT_DISCLOSED_THREE_SAFETIES, null, 0, "3.危及“三安全一稳定”"),
            new Table3Layout(Table3Row.NOT_DISCLOSED_THIRD_PARTY_RIGHTS, null, 0, "4.保护第三方合法权益"),
            new Table3Layout(Table3Row.NOT_DISCLOSED_INTERNAL_AFFAIRS, null, 0, "5.属于三类内部事务信息"),
            new Table3Layout(Table3Row.NOT_DISCLOSED_PROCESS_INFORMATION, null, 0, "6.属于四类过程性信息"),
            new Table3Layout(Table3Row.NOT_DISCLOSED_ENFORCEMENT_FILE, null, 0, "7.属于行政执法案卷"),
            new Table3Layout(Table3Row.NOT_DISCLOSED_ADMINISTRATIVE_QUERY, null, 0, "8.属于行政查询事项"),
            new Table3Layout(Table3Row.UNABLE_NOT_HELD, "（四）无法提供", 3, "1.本机关不掌握相关政府信息"),
            new Table3Layout(Table3Row.UNABLE_NEEDS_PROCESSING, null, 0, "2.没有现成信息需要另行制作"),
            new Table3Layout(Table3Row.UNABLE_UNCLEAR, null, 0, "3.补正后申请内容仍不明确"),
            new Table3Layout(Table3Row.NOT_HANDLED_PETITION, "（五）不予处理", 5, "1.信访举报投诉类申请"),
            new Table3Layout(Table3Row.NOT_HANDLED_REPEAT, null, 0, "2.重复申请"),
            new Table3Layout(Table3Row.NOT_HANDLED_PUBLICATION, null, 0, "3.要求提供公开出版物"),
            new Table3Layout(Table3Row.NOT_HANDLED_MASS, null, 0, "4.无正当理由大量反复申请"),
            new Table3Layout(Table3Row.NOT_HANDLED_CONFIRMATION, null, 0, "5.要求行政机关确认或重新出具已获取信息"),
            new Table3Layout(Table3Row.OTHER_NO_CORRECTION, "（六）其他处理", 3, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            new Table3Layout(Table3Row.OTHER_NO_FEE, null, 0, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            new Table3Layout(Table3Row.OTHER_OTHER, null, 0, "3.其他"),
            new Table3Layout(Table3Row.TOTAL, "（七）总计", 1, null));

    private static String cells(AnnualReport.Tallies t, Table3Row row) {
        StringBuilder h = new StringBuilder();
        for (ApplicantCategory c : ApplicantCategory.values()) {
            h.append("<td>").append(t.table3(row, c)).append("</td>");
        }
        return h.append("<td>").append(t.table3Total(row)).append("</td>").toString();
    }

    private static String table3(AnnualReport r) {
        AnnualReport.Tallies t = r.tallies();
        StringBuilder h = new StringBuilder("<table><caption>表二　收到和处理政府信息公开申请情况</caption><thead>");
        h.append("<tr><th rowspan=\"3\" colspan=\"3\" scope=\"colgroup\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>")
                .append("<th colspan=\"7\" scope=\"colgroup\">申请人情况</th></tr>")
                .append("<tr><th rowspan=\"2\" scope=\"col\">自然人</th><th colspan=\"5\" scope=\"colgroup\">法人或其他组织</th><th rowspan=\"2\" scope=\"col\">总计</th></tr><tr>");
        for (int i = 1; i < CATEGORY_LABELS.length; i++) {
            h.append("<th scope=\"col\">").append(CATEGORY_LABELS[i]).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        h.append("<tr><th colspan=\"3\" scope=\"row\">一、本年新收政府信息公开申请数量</th>").append(cells(t, Table3Row.NEW_RECEIVED)).append("</tr>");
        h.append("<tr><th colspan=\"3\" scope=\"row\">二、上年结转政府信息公开申请数量</th>").append(cells(t, Table3Row.CARRIED_OVER)).append("</tr>");
        boolean first = true;
        for (Table3Layout row : TABLE3_ROWS) {
            h.append("<tr>");
            if (first) {
                h.append("<th rowspan=\"22\" scope=\"rowgroup\">三、本年度办理结果</th>");
                first = false;
            }
            if (row.label() == null) {
                h.append("<th colspan=\"2\" scope=\"row\">").append(esc(row.group())).append("</th>");
            } else {
                if (row.group() != null) {
                    h.append("<th rowspan=\"").append(row.groupRows()).append("\" scope=\"rowgroup\">").append(esc(row.group())).append("</th>");
                }
                h.append("<th scope=\"row\">").append(esc(row.label())).append("</th>");
            }
            h.append(cells(t, row.row())).append("</tr>");
        }
        h.append("<tr><th colspan=\"3\" scope=\"row\">四、结转下年度继续办理</th>").append(cells(t, Table3Row.CARRIED_FORWARD)).append("</tr>");
        return h.append("</tbody></table>").toString();
    }

    private static String table4(AnnualReport r) {
        StringBuilder h = new StringBuilder("<table><caption>表三　政府信息公开行政复议、行政诉讼情况</caption><thead>");
        h.append("<tr><th colspan=\"5\" rowspan=\"2\" scope=\"colgroup\">行政复议</th><th colspan=\"10\" scope=\"colgroup\">行政诉讼</th></tr>")
                .append("<tr><th colspan=\"5\" scope=\"colgroup\">未经复议直接起诉</th><th colspan=\"5\" scope=\"colgroup\">复议后起诉</th></tr><tr>");
        for (int g = 0; g < 3; g++) {
            for (String cell : AnnualReport.TABLE4_CELLS) {
                h.append("<th scope=\"col\">").append(cell).append("</th>");
            }
        }
        h.append("</tr></thead><tbody><tr>");
        for (int g = 0; g < 3; g++) {
            for (int c = 0; c < 5; c++) {
                h.append("<td>").append(r.figures().table4(g, c)).append("</td>");
            }
        }
        return h.append("</tr></tbody></table>").toString();
    }

    private static String paragraphs(String text) {
        StringBuilder h = new StringBuilder();
        for (String line : (text == null ? "" : text).split("\\R")) {
            if (!line.isBlank()) {
                h.append("<p>").append(esc(line.strip())).append("</p>");
            }
        }
        return h.length() == 0 ? "<p>无。</p>" : h.toString();
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    // ---- PDF --------------------------------------------------------------------------------------------------------

    public boolean pdfAvailable() {
        return pdf.font().isPresent();
    }

    /** An A4 PDF of the report; empty when no Chinese TrueType font is installed. */
    public Optional<byte[]> pdf(AnnualReport r) {
        return pdf.render(r.title(), bodyHtml(r), "p { text-indent: 2em; }"
                + " table { border-collapse: collapse; width: 100%; margin: 6pt 0; page-break-inside: auto; }"
                + " caption { font-size: 10pt; margin-bottom: 4pt; } th, td { border: 0.6pt solid #000; padding: 2pt 3pt; font-size: 8.5pt;"
                + " font-weight: normal; text-align: center; } tr { page-break-inside: avoid; }");
    }

    // ---- DOCX and XLSX ----------------------------------------------------------------------------------------------

    /** The report for editing in an office suite: the texts and the three tables as plain grids. */
    public byte[] docx(AnnualReport r) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFParagraph title = doc.createParagraph();
            title.setAlignment(ParagraphAlignment.CENTER);
            XWPFRun run = title.createRun();
            run.setBold(true);
            run.setFontSize(18);
            run.setText(r.title());
            XWPFParagraph opening = doc.createParagraph();
            opening.setIndentationFirstLine(480);
            opening.createRun().setText(opening(r));
            String[] texts = {r.overview(), null, null, null, r.problems(), r.other()};
            List<List<List<String>>> tables = List.of(List.of(), table2Grid(r), table3Grid(r), table4Grid(r));
            for (int s = 0; s < SECTION_TITLES.length; s++) {
                XWPFRun heading = doc.createParagraph().createRun();
                heading.setBold(true);
                heading.setFontSize(14);
                heading.setText(SECTION_TITLES[s]);
                if (texts[s] != null) {
                    for (String line : (texts[s].isBlank() ? "无。" : texts[s]).split("\\R")) {
                        if (!line.isBlank()) {
                            XWPFParagraph p = doc.createParagraph();
                            p.setIndentationFirstLine(480);
                            p.createRun().setText(line.strip());
                        }
                    }
                } else {
                    List<List<String>> grid = tables.get(s);
                    XWPFTable table = doc.createTable(grid.size(), grid.get(0).size());
                    for (int i = 0; i < grid.size(); i++) {
                        for (int j = 0; j < grid.get(i).size(); j++) {
                            table.getRow(i).getCell(j).setText(grid.get(i).get(j));
                        }
                    }
                }
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("annual report DOCX", e);
        }
    }

    /** The figures of Tables 2–4, one sheet each. */
    public byte[] xlsx(AnnualReport r) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            String[] names = {"主动公开", "依申请公开", "复议诉讼"};
            List<List<List<String>>> grids = List.of(table2Grid(r), table3Grid(r), table4Grid(r));
            var integer = book.createCellStyle();
            integer.setDataFormat(book.createDataFormat().getFormat("0"));
            var decimal = book.createCellStyle();
            decimal.setDataFormat(book.createDataFormat().getFormat("0.00"));
            for (int s = 0; s < 3; s++) {
                var sheet = book.createSheet(names[s]);
                List<List<String>> grid = grids.get(s);
                for (int i = 0; i < grid.size(); i++) {
                    var row = sheet.createRow(i);
                    for (int j = 0; j < grid.get(i).size(); j++) {
                        String v = grid.get(i).get(j);
                        if (i > 0 && j > 0 && v.matches("-?\\d+(\\.\\d+)?")) {
                            var cell = row.createCell(j);
                            cell.setCellValue(Double.parseDouble(v));
                            // counts show as 1, not 1.0; an amount with decimals keeps them
                            cell.setCellStyle(v.contains(".") ? decimal : integer);
                        } else {
                            row.createCell(j).setCellValue(v);
                        }
                    }
                }
                sheet.setColumnWidth(0, 48 * 256);
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("annual report XLSX", e);
        }
    }

    static List<List<String>> table2Grid(AnnualReport r) {
        AnnualReport.Figures f = r.figures();
        AnnualReport.Tallies t = r.tallies();
        return List.of(List.of("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
                List.of("规章", "" + f.rulesIssued(), "" + f.rulesRepealed(), "" + f.rulesInForce()),
                List.of("行政规范性文件", "" + t.normativeIssued(), "" + t.normativeRepealed(), "" + t.normativeInForce()),
                List.of("行政许可（本年处理决定数量）", "" + f.licences(), "", ""),
                List.of("行政处罚（本年处理决定数量）", "" + f.penalties(), "", ""),
                List.of("行政强制（本年处理决定数量）", "" + f.enforcement(), "", ""),
                List.of("行政事业性收费（本年收费金额，万元）", f.fees().toPlainString(), "", ""));
    }

    static List<List<String>> table3Grid(AnnualReport r) {
        AnnualReport.Tallies t = r.tallies();
        List<List<String>> grid = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("申请情况"));
        header.addAll(List.of(CATEGORY_LABELS));
        header.add("总计");
        grid.add(header);
        String group = "";
        for (Table3Row row : Table3Row.values()) {
            String label = switch (row) {
                case NEW_RECEIVED -> "一、本年新收政府信息公开申请数量";
                case CARRIED_OVER -> "二、上年结转政府信息公开申请数量";
                case CARRIED_FORWARD -> "四、结转下年度继续办理";
                default -> {
                    Table3Layout layout = TABLE3_ROWS.stream().filter(l -> l.row() == row).findFirst().orElseThrow();
                    if (layout.group() != null) {
                        group = layout.group();
                    }
                    yield "三、本年度办理结果" + (layout.label() == null ? layout.group() : group + layout.label());
                }
            };
            List<String> line = new ArrayList<>(List.of(label));
            for (ApplicantCategory c : ApplicantCategory.values()) {
                line.add("" + t.table3(row, c));
            }
            line.add("" + t.table3Total(row));
            grid.add(line);
        }
        return grid;
    }

    static List<List<String>> table4Grid(AnnualReport r) {
        List<List<String>> grid = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("类别"));
        header.addAll(AnnualReport.TABLE4_CELLS);
        grid.add(header);
        for (int g = 0; g < 3; g++) {
            List<String> line = new ArrayList<>(List.of(AnnualReport.TABLE4_GROUPS.get(g)));
            for (int c = 0; c < 5; c++) {
                line.add("" + r.figures().table4(g, c));
            }
            grid.add(line);
        }
        return grid;
    }
}
