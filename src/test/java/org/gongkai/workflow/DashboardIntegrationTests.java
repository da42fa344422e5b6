package org.gongkai.workflow;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import org.gongkai.AbstractIntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** Each role's start page shows what waits for it, from the demo documents in every state. */
class DashboardIntegrationTests extends AbstractIntegrationTest {

    @Test
    void eachRoleSeesItsOwnWork() throws Exception {
        mvc.perform(get("/admin").with(as("clerk"))).andExpect(content().string(Matchers.allOf(
                Matchers.containsString("我的草稿"), Matchers.containsString("2026年上半年疾病应急救助个案公示"))));
        mvc.perform(get("/admin").with(as("reviewer"))).andExpect(content().string(Matchers.allOf(
                Matchers.containsString("待保密审查"), Matchers.containsString("公共场所卫生双随机抽查结果公示"),
                Matchers.containsString("关于近期登革热疫情防控的紧急提示"))));
        mvc.perform(get("/admin").with(as("approver"))).andExpect(content().string(Matchers.allOf(
                Matchers.containsString("待领导审定"), Matchers.containsString("示范市医疗机构不良执业行为记分管理办法"))));
        mvc.perform(get("/admin").with(as("sysadmin"))).andExpect(content().string(Matchers.allOf(
                Matchers.containsString("各科室信息状态统计"), Matchers.containsString("疾病预防控制科"))));
        mvc.perform(get("/admin").with(as("auditor"))).andExpect(content().string(Matchers.not(Matchers.containsString("待保密审查"))));
    }
}
