package org.gongkai.tables;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Per-cell validation and normalisation, shared by the grid and the import. */
class CellValidationTests {

    @ParameterizedTest(name = "{0} ''{1}'' → ''{2}'' / {3}")
    @CsvSource(delimiter = '|', value = {
            "ID_NUMBER   | 44010619850312215x      | 44010619850312215X | ",
            "ID_NUMBER   | 440106199001011235      | 440106199001011235 | ",
            "ID_NUMBER   | 440106199001011234      |                    | tables.cell.idNumber",
            "ID_NUMBER   | 440106199002301235      |                    | tables.cell.idNumber",
            "ID_NUMBER   | 110105491231002         | 110105491231002    | ",
            "ID_NUMBER   | 110105491331002         |                    | tables.cell.idNumber",
            "DATE        | 2026/3/1                | 2026-03-01         | ",
            "DATE        | 2026年3月31日            | 2026-03-31         | ",
            "DATE        | 2026-02-30              |                    | tables.cell.date",
            "DATE        | 3月1日                   |                    | tables.cell.date",
            "INTEGER     | 5,461                   | 5461               | ",
            "INTEGER     | 12.0                    | 12                 | ",
            "INTEGER     | 12.5                    |                    | tables.cell.integer",
            "DECIMAL     | 5.820                   | 5.82               | ",
            "DECIMAL     | 五点八                   |                    | tables.cell.decimal",
            "PHONE       | 138 1234 5678           | 13812345678        | ",
            "PHONE       | +86 139-1234-5678       | 13912345678        | ",
            "PHONE       | 020-83456789            | 020-83456789       | ",
            "PHONE       | 12345                   |                    | tables.cell.phone",
            "BANK_ACCOUNT| 6222 0212 3456 7890 128 | 6222021234567890128| ",
            "BANK_ACCOUNT| 6222-abc                |                    | tables.cell.bankAccount",
            "CREDIT_CODE | 11440100mb2c10000m      |                    | tables.cell.creditCode",
            "PERSON_NAME | 张三3                   |                    | tables.cell.name",
            "TEXT        | 任意文本                 | 任意文本            | "})
    void checksAndNormalises(ColumnType type, String input, String value, String error) {
        CellValidation.Result result = CellValidation.check(TableColumn.of("k", "列", type, false, PublicationRule.SHOW), input);
        assertThat(result.errorKey()).isEqualTo(error);
        assertThat(result.value()).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource({"男, 男, ", "未知, , tables.cell.enum"})
    void enumValuesMustBeAllowed(String input, String value, String error) {
        TableColumn gender = TableColumn.of("gender", "性别", ColumnType.ENUM, true, PublicationRule.SHOW, "男", "女");
        assertThat(CellValidation.check(gender, input)).isEqualTo(new CellValidation.Result(value, error));
    }

    @ParameterizedTest
    @CsvSource({"true, '', tables.cell.required", "false, '', "})
    void requiredCellsMustBeFilled(boolean required, String input, String error) {
        TableColumn c = TableColumn.of("k", "列", ColumnType.TEXT, required, PublicationRule.SHOW);
        assertThat(CellValidation.check(c, input).errorKey()).isEqualTo(error);
    }

    @ParameterizedTest
    @CsvSource({"11440100MB2C10000"})
    void aValidCreditCodeIsAccepted(String first17) {
        String code = org.gongkai.support.CreditCode.complete(first17).value();
        TableColumn c = TableColumn.of("k", "代码", ColumnType.CREDIT_CODE, true, PublicationRule.SHOW);
        assertThat(CellValidation.check(c, code.toLowerCase()).value()).isEqualTo(code);
    }
}
