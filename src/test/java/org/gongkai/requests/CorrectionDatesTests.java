package org.gongkai.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;

import org.gongkai.AbstractIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.servlet.FlashMap;

/** The correction deadline and the day the correction arrived are dates in order; a wrong one is refused next to its field. */
class CorrectionDatesTests extends AbstractIntegrationTest {

    @Autowired
    InformationRequests requests;


    @Autowired

    RequestIntake intake;

    @Test
    void aCorrectionDeadlineNotAfterTodayIsRefusedNextToTheFieldKeepingWhatWasTyped() throws Exception {
        testClock.fix(LocalDate.of(2026, 12, 15));
        var submitted = intake.submit(RequestTestData.command(RequestTestData.newIdNumber(), "补正日期测试信息"));
        // (how the page shows the message next to the field with the typed values is checked in RequestLifecycleBrowserTests)
        String flash = refused(submitted.id(), "/correction", "note", "请写明所需信息的年份", "dueOn", "2026-12-10");
        assertThat(flash).contains("stepField=dueOn", "stepError=request.error.correctionDue", "dueOn=2026-12-10", "note=请写明所需信息的年份");
        assertThat(state(submitted.id())).isEqualTo("RECEIVED");

        // a valid deadline; then the correction "arrives" before the notice was sent: refused next to its date
        mvc.perform(post("/admin/requests/" + submitted.id() + "/correction").with(csrf()).with(as("reviewer"))
                .param("version", "" + version(submitted.id())).param("note", "请写明所需信息的年份").param("dueOn", "2026-12-30"));
        flash = refused(submitted.id(), "/corrected", "receivedOn", "2026-12-14");
        assertThat(flash).contains("stepField=receivedOn", "stepError=request.error.correctedOn", "receivedOn=2026-12-14");
        // the same with a date that is not one
        flash = refused(submitted.id(), "/corrected", "receivedOn", "2026-13-40");
        assertThat(flash).contains("stepField=receivedOn", "receivedOn=2026-13-40");
        assertThat(state(submitted.id())).isEqualTo("CORRECTION_REQUESTED");
    }

    private String refused(long id, String step, String... params) throws Exception {
        var post = post("/admin/requests/" + id + step).with(csrf()).with(as("reviewer")).param("version", "" + version(id));
        for (int i = 0; i < params.length; i += 2) {
            post.param(params[i], params[i + 1]);
        }
        var result = mvc.perform(post).andReturn();
        FlashMap flash = result.getFlashMap();
        assertThat(result.getResponse().getStatus()).as("POST %s", step).isEqualTo(302);
        assertThat(flash.keySet()).as("flash").contains("stepError");
        return flash.toString();
    }

    private long version(long id) {
        return jdbc.queryForObject("select version from info_request where id = ?", Long.class, id);
    }

    private String state(long id) {
        return jdbc.queryForObject("select state from info_request where id = ?", String.class, id);
    }
}
