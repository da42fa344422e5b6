package org.gongkai.requests.web;

import java.time.LocalDate;
import java.util.Locale;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.gongkai.requests.ApplicantCategory;
import org.gongkai.requests.Channel;
import org.gongkai.requests.RequestIntake.SubmitCommand;
import org.gongkai.requests.RequestIntake.Upload;

/** The request form (public site and console intake); {@code proof} only carries the upload's error. */
public record RequestForm(
        @NotBlank(message = "{request.error.applicantKind}") @Pattern(regexp = "PERSON|ORGANISATION", message = "{request.error.applicantKind}") String applicantKind,
        String category,
        @NotBlank(message = "{request.error.applicantName}") @Size(max = 100, message = "{request.error.applicantNameLength}") String applicantName,
        @Size(max = 18, message = "{request.error.creditCode}") String creditCode,
        @Size(max = 50, message = "{request.error.contactPersonLength}") String contactPerson,
        @NotBlank(message = "{request.error.idType}") @Pattern(regexp = "RESIDENT_ID|PASSPORT|HK_MACAO|TAIWAN|FOREIGN_PR|OTHER", message = "{request.error.idType}") String idType,
        @NotBlank(message = "{request.error.idNumberRequired}") @Size(max = 40, message = "{request.error.idNumberLength}") String idNumber,
        @NotBlank(message = "{request.error.phone}") @Pattern(regexp = "^$|^[0-9+\\- ]{7,20}$", message = "{request.error.phoneFormat}") String phone,
        @Email(message = "{request.error.email}") @Size(max = 100, message = "{request.error.email}") String email,
        @NotBlank(message = "{request.error.address}") @Size(max = 200, message = "{request.error.addressLength}") String address,
        @NotBlank(message = "{request.error.infoName}") @Size(max = 200, message = "{request.error.infoNameLength}") String infoName,
        @Size(max = 100, message = "{request.error.documentNumberLength}") String infoDocumentNumber,
        @NotBlank(message = "{request.error.infoDescription}") @Size(max = 2000, message = "{request.error.infoDescriptionLength}") String infoDescription,
        @NotBlank(message = "{request.error.provisionForm}") @Pattern(regexp = "PAPER|EMAIL|DISC|OTHER", message = "{request.error.provisionForm}") String provisionForm,
        @NotBlank(message = "{request.error.obtainWay}") @Pattern(regexp = "POST|EMAIL|PICKUP", message = "{request.error.obtainWay}") String obtainWay,
        @NotNull(message = "{request.error.declaration}") @AssertTrue(message = "{request.error.declaration}") Boolean declaration,
        String channel,
        String receivedOn,
        String proof,
        @Size(max = 50, message = "{request.error.legalRepresentativeLength}") String legalRepresentative,
        @Pattern(regexp = "^$|^\\s*\\d{6}\\s*$", message = "{request.error.postcode}") String postcode) {

    public static RequestForm empty() {
        return new RequestForm("PERSON", null, "", "", "", "RESIDENT_ID", "", "", "", "", "", "", "", "EMAIL", "EMAIL", false,
                "WEB", null, null, "", "");
    }

    public SubmitCommand toCommand(Channel as, Upload upload) {
        boolean organisation = "ORGANISATION".equals(applicantKind);
        return new SubmitCommand(as, parseDate(receivedOn), organisation, parseCategory(category), trim(applicantName),
                creditCode == null ? null : creditCode.strip().toUpperCase(Locale.ROOT), trim(contactPerson), idType,
                trim(idNumber), trim(phone), trim(email), trim(address), trim(infoName), trim(infoDocumentNumber),
                trim(infoDescription), provisionForm, obtainWay, upload, trim(legalRepresentative), trim(postcode));
    }

    /** The receipt date of the console intake; unreadable input counts as missing. */
    private static LocalDate parseDate(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The chosen intake channel, or the fallback when none or an unknown one was sent. */
    public Channel channelOr(Channel fallback) {
        try {
            return channel == null || channel.isBlank() ? fallback : Channel.valueOf(channel);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static ApplicantCategory parseCategory(String text) {
        try {
            return text == null || text.isBlank() ? null : ApplicantCategory.valueOf(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }
}
