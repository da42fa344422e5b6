package org.gongkai.requests;

import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Helpers for request tests: a client address per test so the per-address rate limits never couple tests. */
public final class RequestTestData {

    private RequestTestData() {
    }

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    /** A fresh, valid resident identity number (random digits, real birth date, correct check character). */
    public static String newIdNumber() {
        String body = "440106" + "1990" + String.format("%02d", 1 + (int) (Math.random() * 12)) + "15"
                + String.format("%03d", (int) (Math.random() * 1000));
        return IdentityNumbers.complete(body);
    }

    public static RequestIntake.SubmitCommand command(String idNumber, String infoName) {
        return new RequestIntake.SubmitCommand(Channel.WEB, null, false, null, "测试申请人", null, null, "RESIDENT_ID",
                idNumber, "13800138000", "t@example.cn", "示范市中心区测试路1号", infoName, null, "测试用的信息描述", "EMAIL",
                "EMAIL", null, null, null);
    }
}
