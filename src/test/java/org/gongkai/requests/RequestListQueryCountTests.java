package org.gongkai.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.StatementCounter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The console's request lists load in a fixed number of statements: 18 more requests on the page add none. */
class RequestListQueryCountTests extends AbstractIntegrationTest {

    @Autowired
    InformationRequests requests;


    @Autowired

    RequestIntake intake;

    private List<Long> submit(int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(intake.submit(RequestTestData.command(RequestTestData.newIdNumber(), "申请公开的信息 " + i)).id());
        }
        return ids;
    }

    private int statements(String path) throws Exception {
        return StatementCounter.count(() -> mvc.perform(get(path).with(as("reviewer"))).andExpect(status().isOk()));
    }

    @Test
    void theOpenAndFinishedListsDoNotQueryPerRow() throws Exception {
        List<Long> first = submit(2);
        statements("/admin/requests"); // warm-up: caches (calendar rules, templates) filled once
        int openWithFew = statements("/admin/requests");
        first.forEach(id -> jdbc.update("update info_request set state = 'WITHDRAWN', withdrawn_on = received_on where id = ?", id));
        int finishedWithFew = statements("/admin/requests/finished");

        List<Long> more = submit(18);
        int openWithMore = statements("/admin/requests");
        more.forEach(id -> jdbc.update("update info_request set state = 'WITHDRAWN', withdrawn_on = received_on where id = ?", id));
        int finishedWithMore = statements("/admin/requests/finished");

        assertThat(openWithFew).isPositive();
        assertThat(openWithMore).as("statements for the open requests with 18 more rows").isEqualTo(openWithFew);
        assertThat(finishedWithMore).as("statements for the finished requests with 18 more rows").isEqualTo(finishedWithFew);
    }
}
