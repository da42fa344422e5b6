package org.gongkai.qr.web;

import org.gongkai.qr.QrCodes;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** /q/{code}: counts the scan and redirects; unknown and retired codes answer 404. */
@Controller
class QrRedirectController {

    private final QrCodes codes;

    QrRedirectController(QrCodes codes) {
        this.codes = codes;
    }

    @GetMapping("/q/{code}")
    ResponseEntity<Void> scan(@PathVariable String code) {
        String target = codes.scan(code);
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, target)
                .cacheControl(CacheControl.noStore()).build();
    }
}
