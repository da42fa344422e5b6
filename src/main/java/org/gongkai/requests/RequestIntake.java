package org.gongkai.requests;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gongkai.audit.AuditTrail;
import org.gongkai.calendar.WorkingDayCalendar;
import org.gongkai.support.CreditCode;
import org.gongkai.support.RuleViolation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Intake: a request submitted on the public site or registered by the office, its receipt date under 条例第31条, its number
 * (YSQ<year>-<serial>, one counter per year) and its query code, which the applicant sees once.
 */
@Service
public class RequestIntake {


    private final JdbcTemplate jdbc;
    private final WorkingDayCalendar calendar;
    private final AuditTrail audit;
    private final PasswordEncoder encoder;
    private final Clock clock;

    RequestIntake(JdbcTemplate jdbc, WorkingDayCalendar calendar, AuditTrail audit, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.audit = audit;
        this.encoder = encoder;
        this.clock = clock;
    }

    /** An uploaded file as received; its type is sniffed, never taken from the name. */
    public record Upload(String filename, byte[] bytes) {
    }

    /** What an applicant (or the office, for a letter, visit, fax or e-mail) submits. */
    public record SubmitCommand(Channel channel, LocalDate receivedOn, boolean organisation, ApplicantCategory category,
                                String applicantName, String creditCode, String contactPerson, String idType,
                                String idNumber, String phone, String email, String address, String infoName,
                                String infoDocumentNumber, String infoDescription, String provisionForm, String obtainWay,
                                Upload proof, String legalRepresentative, String postcode) {
    }

    /**
     * The request number and the query code, which is shown this once and stored only as a hash; the day it was submitted (or
     * given as received) and the day it counts as received under 条例第31条, which differ when that day was not a working day.
     */
    public record Submitted(long id, String number, String queryCode, LocalDate submittedOn, LocalDate receivedOn, LocalDate dueOn) {

        public boolean receiptMoved() {
            return !submittedOn.equals(receivedOn);
        }
    }

    /** A request submitted on the public site; it counts as received as {@link #receiptDate} decides (条例第31条第3项). */
    @Transactional
    public Submitted submit(SubmitCommand command) {
        if (command.channel() != Channel.WEB) {
            throw new IllegalArgumentException("web submissions only");
        }
        return create(command, LocalDate.now(clock));
    }

    /**
     * 条例第31条: when a request counts as received. (一) in person: the day it is handed in; (二) by post: the day the office signs
     * for it (for an unregistered letter, the day the office confirms it with the applicant, which the office enters); (三) online
     * or by the office's fax (and e-mail, an online channel): the day both sides confirm it. The office confirms only on working
     * days, so an online, fax or e-mail request that arrives on a weekend or holiday counts as received on the next working day.
     * A working day's evening is not moved: office hours are not in the regulation, and the site confirms the request at once.
     */
    @Transactional(readOnly = true)
    public LocalDate receiptDate(Channel channel, LocalDate arrivedOn) {
        if (channel == Channel.WEB || channel == Channel.FAX || channel == Channel.EMAIL) {
            WorkingDayCalendar.Rules rules = calendar.rules();
            LocalDate day = arrivedOn;
            while (!rules.isWorkingDay(day)) {
                day = day.plusDays(1);
            }
            return day;
        }
        return arrivedOn;
    }

    /** Registers a request received by letter, in person, by fax or e-mail, with its receipt date under 条例第31条. */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public Submitted register(SubmitCommand command) {
        if (command.channel() == Channel.WEB) {
            throw new RuleViolation("channel", "request.error.channel");
        }
        LocalDate today = LocalDate.now(clock);
        if (command.receivedOn() == null) {
            throw new RuleViolation("receivedOn", "request.error.receivedOnRequired");
        }
        if (command.receivedOn().isAfter(today) || command.receivedOn().isBefore(today.minusYears(1))) {
            throw new RuleViolation("receivedOn", "request.error.receivedOn");
        }
        return create(command, command.receivedOn());
    }

    /** The field-level checks the form shows next to each field; the service repeats them. */
    public static List<RuleViolation> check(SubmitCommand c) {
        List<RuleViolation> problems = new ArrayList<>();
        if (c.organisation()) {
            if (c.category() == null || c.category() == ApplicantCategory.NATURAL_PERSON) {
                problems.add(new RuleViolation("category", "request.error.category"));
            }
            if (c.creditCode() == null || !CreditCode.isValid(c.creditCode().strip().toUpperCase(Locale.ROOT))) {
                problems.add(new RuleViolation("creditCode", "request.error.creditCode"));
            }
            if (c.legalRepresentative() == null || c.legalRepresentative().isBlank()) {
                problems.add(new RuleViolation("legalRepresentative", "request.error.legalRepresentative"));
            }
            if (c.contactPerson() == null || c.contactPerson().isBlank()) {
                problems.add(new RuleViolation("contactPerson", "request.error.contactPerson"));
            }
        }
        if ("RESIDENT_ID".equals(c.idType()) && c.idNumber() != null && !c.idNumber().isBlank()
                && !IdentityNumbers.isValid(c.idNumber().strip())) {
            problems.add(new RuleViolation("idNumber", "request.error.idNumber"));
        }
        if ("EMAIL".equals(c.obtainWay()) && (c.email() == null || c.email().isBlank())) {
            problems.add(new RuleViolation("email", "request.error.emailNeeded"));
        }
        if ("POST".equals(c.obtainWay()) && (c.postcode() == null || !c.postcode().strip().matches("\\d{6}"))) {
            problems.add(new RuleViolation("postcode", "request.error.postcodeNeeded"));
        }
        if (c.proof() != null && c.proof().bytes().length > 0) {
            if (c.proof().bytes().length > InformationRequests.MAX_PROOF_BYTES) {
                problems.add(new RuleViolation("proof", "request.error.proofSize"));
            } else if (sniff(c.proof().bytes()) == null) {
                problems.add(new RuleViolation("proof", "request.error.proofType"));
            }
        }
        return problems;
    }

    /** PDF, JPEG or PNG by their first bytes; anything else is refused. */
    static String sniff(byte[] bytes) {
        if (bytes.length >= 5 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F' && bytes[4] == '-') {
            return "application/pdf";
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        if (bytes.length >= 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G'
                && bytes[4] == 0x0D && bytes[5] == 0x0A && bytes[6] == 0x1A && bytes[7] == 0x0A) {
            return "image/png";
        }
        return null;
    }

    private Submitted create(SubmitCommand c, LocalDate arrivedOn) {
        LocalDate receivedOn = receiptDate(c.channel(), arrivedOn);
        List<RuleViolation> problems = check(c);
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        int year = receivedOn.getYear();
        jdbc.update("insert into request_number_counter (year, last) values (?, 0) on conflict (year) do nothing", year);
        int serial = jdbc.queryForObject("update request_number_counter set last = last + 1 where year = ? returning last",
                Integer.class, year);
        String number = String.format("YSQ%d-%05d", year, serial);
        String code = org.gongkai.support.QueryCodes.generate();
        ApplicantCategory category = c.organisation() ? c.category() : ApplicantCategory.NATURAL_PERSON;
        Long id = jdbc.queryForObject("""
                insert into info_request (number, query_code_hash, channel, applicant_kind, applicant_category, applicant_name,
                    credit_code, contact_person, id_type, id_number, phone, email, address, info_name, info_document_number,
                    info_description, provision_form, obtain_way, state, submitted_at, received_on, clock_start_on,
                    legal_representative, postcode)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?, ?, ?, ?) returning id""", Long.class,
                number, encoder.encode(InformationRequests.normalise(code)), c.channel().name(), c.organisation() ? "ORGANISATION" : "PERSON",
                category.name(), c.applicantName().strip(),
                c.organisation() ? c.creditCode().strip().toUpperCase(Locale.ROOT) : null,
                c.organisation() ? c.contactPerson().strip() : null, c.idType(), c.idNumber().strip().toUpperCase(Locale.ROOT),
                c.phone().strip(), blankToNull(c.email()), c.address().strip(), c.infoName().strip(),
                blankToNull(c.infoDocumentNumber()), c.infoDescription().strip(), c.provisionForm(), c.obtainWay(),
                Timestamp.from(Instant.now(clock)), receivedOn, receivedOn,
                c.organisation() ? blankToNull(c.legalRepresentative()) : null,
                c.postcode() == null || !c.postcode().strip().matches("\\d{6}") ? null : c.postcode().strip());
        if (c.proof() != null && c.proof().bytes().length > 0) {
            String type = sniff(c.proof().bytes());
            String extension = type.equals("application/pdf") ? ".pdf" : type.equals("image/png") ? ".png" : ".jpg";
            jdbc.update("insert into request_file (request_id, kind, filename, content_type, size, bytes) values (?, 'IDENTITY_PROOF', ?, ?, ?, ?)",
                    id, "身份证明-" + number + extension, type, c.proof().bytes().length, c.proof().bytes());
        }
        // no applicant data in the audit summary: the trail is read by auditors and must not hold identity numbers
        audit.record("request.received", "info_request", number, c.channel().name() + " 收到日期 " + receivedOn
                + (receivedOn.equals(arrivedOn) ? "" : "（" + arrivedOn + " 为非工作日，条例第31条）"));
        LocalDate due = calendar.addWorkingDays(receivedOn, InformationRequests.REPLY_DAYS);
        return new Submitted(id, number, code, arrivedOn, receivedOn, due);
    }


    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
