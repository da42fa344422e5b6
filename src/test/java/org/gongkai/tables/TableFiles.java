package org.gongkai.tables;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Builds the .xlsx files people upload in tests: a header row of labels and text cells. */
public final class TableFiles {

    public static final List<String> RELIEF_HEADER = List.of("姓名", "性别", "身份证号", "联系电话", "住址", "疾病名称", "救治医疗机构",
            "入院日期", "救助金额（元）", "收款账号", "备注");

    private TableFiles() {
    }

    public static byte[] xlsx(List<String> header, List<List<String>> rows) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("数据");
            Row head = sheet.createRow(0);
            for (int i = 0; i < header.size(); i++) {
                head.createCell(i).setCellValue(header.get(i));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int i = 0; i < rows.get(r).size(); i++) {
                    row.createCell(i).setCellValue(rows.get(r).get(i));
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Three relief cases; the second one's ID number has a wrong check digit when {@code bad}. */
    public static List<List<String>> reliefRows(boolean bad) {
        return List.of(
                List.of("张三", "男", "44010619850312215X", "13812345678", "广州市海珠区江南大道中123号1201房", "急性心肌梗死",
                        "广州市第一人民医院", "2026-01-05", "28000", "6222021234567890128", ""),
                List.of("欧阳娜娜", "女", bad ? "440106199001011234" : "440106199001011235", "13912345678",
                        "广东省广州市天河区天河北路385号", "脑出血", "广州市红十字会医院", "2026-02-11", "35000.5", "", ""),
                List.of("李四", "男", "110105491231002", "", "北京市朝阳区建国路88号", "重型颅脑损伤", "广州医科大学附属第二医院",
                        "2026/3/1", "12000", "", "家属代为申请"));
    }
}
