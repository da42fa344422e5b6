package org.gongkai.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gongkai.demo.SyntheticPeople;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The masking rules of issue 7, by example and over hundreds of generated values. */
class MaskingTests {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "张三, 张*",
            "欧阳娜娜, 欧阳**",
            "王小明, 王**",
            "司马懿, 司马*",
            "诸葛亮, 诸葛*",
            "欧阳, 欧*",
            "李, *",
            "阿卜杜拉·买买提, 阿*******"})
    void personNameKeepsTheSurname(String name, String masked) {
        assertThat(Masking.personName(name)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "440106199001011234, 4401**********1234",
            "44010619900101123X, 4401**********123X",
            "440106900101123, 4401*******1123"})
    void idNumberKeepsFirstAndLastFour(String id, String masked) {
        assertThat(Masking.idNumber(id)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "13812345678, 138****5678",
            "138-1234-5678, 138****5678",
            "020-83456789, ****6789"})
    void phoneKeepsThreeAndFour(String phone, String masked) {
        assertThat(Masking.phone(phone)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "广东省广州市海珠区江南大道中123号1201房, 广东省广州市海珠区…",
            "广州市天河区天河北路385号, 广州市天河区…",
            "北京市朝阳区建国路88号, 北京市朝阳区…",
            "浙江省杭州市桐庐县分水镇里湖村5号, 浙江省杭州市桐庐县…",
            "新疆维吾尔自治区乌鲁木齐市天山区解放北路1号, 新疆维吾尔自治区乌鲁木齐市天山区…",
            "湖北省恩施土家族苗族自治州恩施市舞阳大道9号, 湖北省恩施土家族苗族自治州恩施市…",
            "广东省东莞市南城街道宏图路8号, 广东省东莞市…",
            "越秀区东风中路1号, 越秀区…",
            "东风中路1号, ***"})
    void addressIsCutAtDistrictLevel(String address, String masked) {
        assertThat(Masking.address(address)).isEqualTo(masked);
    }

    @Test
    void aMaskedDateIsCoarsenedToItsMonth() {
        assertThat(Masking.mask(ColumnType.DATE, "2025-07-14")).isEqualTo("2025-07");
        assertThat(Masking.mask(ColumnType.DATE, "14/07/2025")).isEqualTo(Masking.HIDDEN);
    }

    @Test
    void bankAccountShowsOnlyTheLastFourDigits() {
        assertThat(Masking.bankAccount("6222 0212 3456 7890 123")).isEqualTo("****0123");
        assertThat(Masking.mask(ColumnType.TEXT, "anything")).isEqualTo(Masking.HIDDEN);
    }

    @Test
    void publicTableDropsHiddenColumnsAndMasksMaskedOnes() {
        List<TableColumn> columns = List.of(
                TableColumn.of("name", "姓名", ColumnType.PERSON_NAME, true, PublicationRule.MASK),
                TableColumn.of("id", "身份证号", ColumnType.ID_NUMBER, true, PublicationRule.HIDE),
                TableColumn.of("amount", "金额", ColumnType.DECIMAL, true, PublicationRule.SHOW));
        MaskedTable t = PublicTable.of("表", columns, List.of(Map.of("name", "欧阳娜娜", "id", "440106199001011234", "amount", "12.5")));
        assertThat(t.columns()).extracting(MaskedTable.Column::label).containsExactly("姓名", "金额");
        assertThat(t.columns().get(1).numeric()).isTrue();
        assertThat(t.rows()).containsExactly(List.of("欧阳**", "12.5"));
    }

    @Test
    void hundredsOfGeneratedPeopleNeverKeepTheirRawValue() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            String name = SyntheticPeople.name(random);
            String id = i % 3 == 0 ? SyntheticPeople.idNumber15(random) : SyntheticPeople.idNumber18(random, i);
            String phone = SyntheticPeople.mobile(random);
            String address = SyntheticPeople.address(random, i);
            String card = SyntheticPeople.bankCard(random);
            assertThat(IdNumber.isValid(id)).as(id).isTrue();
            assertThat(Masking.personName(name)).doesNotContain(name).hasSameSizeAs(name);
            assertThat(Masking.idNumber(id)).doesNotContain(id).startsWith(id.substring(0, 4)).endsWith(id.substring(id.length() - 4));
            assertThat(Masking.phone(phone)).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
            assertThat(Masking.address(address)).doesNotContain(address).endsWith("区…").doesNotContain("号");
            assertThat(Masking.bankAccount(card)).isEqualTo("****" + card.substring(card.length() - 4));
        }
    }

    @Test
    void idNumberChecksum() {
        assertThat(IdNumber.isValid("11010519491231002X")).isTrue();
        assertThat(IdNumber.isValid("110105194912310021")).isFalse();
        assertThat(IdNumber.isValid("11010519491331002X")).isFalse();
        assertThat(IdNumber.isValid("110105491231002")).isTrue();
        assertThat(IdNumber.isValid("110105491331002")).isFalse();
        assertThat(IdNumber.isValid("11440100MB2C12345X")).isFalse();
    }
}
