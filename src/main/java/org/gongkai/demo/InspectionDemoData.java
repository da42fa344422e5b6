package org.gongkai.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import org.gongkai.content.ColumnCadence;
import org.gongkai.inspection.SiteInspection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes the demo site pass its own self-check on the veto items: after every other demo seeder, each column that still has no
 * item is marked 本栏目暂无此类信息 with a reason, as real sites do; the news-like columns get their kinds. Idempotent: a
 * column already marked, or one that has items, is left alone.
 */
@Component
@Profile("demo")
@Order(90)
class InspectionDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InspectionDemoData.class);

    private static final Map<String, String> REASONS = Map.of(
            "jdzf-xzxk", "本机关本年度暂未作出需在本栏目公开的行政许可决定，作出后将于20个工作日内公开。",
            "czzj-js", "本年度部门决算尚待批复，批复后将按规定在本栏目公开。",
            "ylzy-dqyp", "本期暂无经确认的短缺药品清单，形成后将在本栏目公开。",
            "ghjh", "本机关本期暂无需单独公开的规划计划，相关内容见政策文件栏目。",
            "ggws-yfjz", "预防接种门诊信息暂无调整，如有变化将在本栏目公开。",
            "gkzn", "政府信息公开指南请见本网站“公开指南”页面。");

    private final ColumnCadence cadence;
    private final SiteInspection inspection;
    private final Clock clock;

    InspectionDemoData(ColumnCadence cadence, SiteInspection inspection, Clock clock) {
        this.cadence = cadence;
        this.inspection = inspection;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        // once: a later start must not undo an office's decision to unmark a column, nor count every column again
        if (cadence.columns().stream().anyMatch(ColumnCadence.Column::intentionallyEmpty)) {
            return;
        }
        int marked = 0;
        for (SiteInspection.ColumnState state : inspection.columns(LocalDate.now(clock))) {
            if (state.blank() && cadence.markEmptyIfUnset(state.column().code(),
                    REASONS.getOrDefault(state.column().code(), "本栏目暂无此类信息。"))) {
                marked++;
            }
        }
        log.info("demo columns marked 本栏目暂无此类信息: {}", marked);
    }
}
