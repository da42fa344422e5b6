package org.gongkai.interaction;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.gongkai.identity.StaffPrincipal;
import org.gongkai.interaction.internal.Redaction;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 政民互动: a citizen asks, the office (REVIEWER) assigns the question to a department, the department (its CLERK) answers
 * within a limit of working days counted on the working-day calendar, and a reviewer other than the one who answered passes
 * the answer (or returns it) before it is public. Only passed answers whose asker allowed publication reach the public site,
 * and then only the texts the reviewer passed ({@code public_*}), never the asker's name or contact.
 * <p>
 * Why a review of its own rather than the edition workflow: an answer is not a catalogue item (no index number, no catalogue
 * node, no editions or approval step), so the reviewer's pass/return on the answer itself is the 先审查、后公开 record here;
 * it reuses the REVIEWER role and the separation of duties (who answered cannot pass).
 * <p>
 * This class is the module's API: its types and entry points, which delegate to {@link QuestionIntake} (asking, tracking),
 * {@link QuestionHandling} (the console, reminders) and {@link PublishedQuestions} (the public read model, the FAQ).
 */
@Service
public class Questions {

    /** Working days the department has to answer, unless configured otherwise. */
    public static final int DEFAULT_ANSWER_DAYS = 5;
    /** Reminders go out this many working days before the limit. */
    public static final int DUE_SOON_DAYS = 1;

    private final QuestionIntake intake;
    private final QuestionHandling handling;
    private final PublishedQuestions publishedQuestions;

    Questions(QuestionIntake intake, QuestionHandling handling, PublishedQuestions publishedQuestions) {
        this.intake = intake;
        this.handling = handling;
        this.publishedQuestions = publishedQuestions;
    }

    public int answerDays() {
        return intake.answerDays();
    }

    // ---- asking ------------------------------------------------------------------------------------------------

    /** What a citizen submits; {@code relatedDocument} is the public id of the item the question came from, if any. */
    public record AskCommand(QuestionTopic topic, String title, String body, String askerName, String contact,
                             boolean mayPublish, String relatedDocument) {
    }

    /** The receipt: the number and the query code (shown once, stored only as a hash) and the day the answer is due. */
    public record Receipt(long id, String number, String queryCode, LocalDate receivedOn, LocalDate dueOn) {
    }

    /**
     * Records a question. A question that arrives on a weekend or holiday counts as received on the next working day, as the
     * office confirms online submissions only on working days (the same rule as 条例第31条 for requests).
     */
    @Transactional
    public Receipt ask(AskCommand c) {
        return intake.ask(c);
    }

    // ---- tracking ----------------------------------------------------------------------------------------------

    /** What the asker sees with number and query code: the state, the due date and, once passed, the answer. */
    public record Tracking(String number, QuestionTopic topic, String title, QuestionState state, LocalDate receivedOn,
                           LocalDate dueOn, String answer, Instant repliedAt, boolean mayPublish, Long publicId) {
    }

    /** The question for a number and query code; a wrong pair and an unknown number take the same time. */
    @Transactional(readOnly = true)
    public Optional<Tracking> track(String number, String code) {
        return intake.track(number, code);
    }

    // ---- the console -------------------------------------------------------------------------------------------

    /** A question as the console shows it; overdue and days left are derived from today. */
    public record QuestionView(long id, String number, QuestionTopic topic, String title, String body, String askerName,
                               String contact, boolean mayPublish, QuestionState state, LocalDate receivedOn, int answerDays,
                               LocalDate dueOn, int daysLeft, Long departmentId, String departmentName, String answer,
                               Long answeredBy, Instant answeredAt, LocalDate answeredOn, String reviewNote, Long reviewedBy,
                               Instant reviewedAt, String publicTitle, String publicBody, String publicAnswer,
                               Instant publishedAt, String relatedDocument, long version, Instant submittedAt) {

        /** Past the working-day limit and still without an answer from the department. */
        public boolean overdue() {
            return state.awaitingDepartment() && daysLeft < 0;
        }

        public boolean dueSoon() {
            return state.awaitingDepartment() && daysLeft >= 0 && daysLeft <= DUE_SOON_DAYS;
        }

        public int daysOverdue() {
            return Math.max(1, -daysLeft);
        }

        /** The question text the reviewer is offered to publish: as asked, with ID and phone numbers masked. */
        public String suggestedPublicBody() {
            return publicBody != null ? publicBody : Redaction.mask(body);
        }

        public String suggestedPublicTitle() {
            return publicTitle != null ? publicTitle : Redaction.mask(title);
        }
    }

    /** Open questions the person may see (the office and leaders all, a clerk their department's), overdue first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'CLERK')")
    public List<QuestionView> openQuestions(StaffPrincipal me) {
        return handling.openQuestions(me);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'CLERK')")
    public List<QuestionView> repliedQuestions(StaffPrincipal me) {
        return handling.repliedQuestions(me);
    }

    /** A question past its working-day limit without an answer, as the site self-check lists it (no asker's data). */
    public record Overdue(long id, String number, String departmentName, LocalDate dueOn, int daysOverdue) {
    }

    /** Every question past its working-day limit without an answer (the self-check's 互动回应差; reads, changes nothing). */
    @Transactional(readOnly = true)
    public List<Overdue> overdue() {
        return handling.overdue();
    }

    /** Questions past their working-day limit, for the office's start page. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'CLERK')")
    public List<QuestionView> overdueQuestions(StaffPrincipal me) {
        return handling.overdueQuestions(me);
    }
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'CLERK')")
    public QuestionView question(long id, StaffPrincipal me) {
        return handling.question(id, me);
    }
    // ---- handling ----------------------------------------------------------------------------------------------

    /** The office assigns (or re-assigns) an unanswered question to a department. */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void assign(long id, long version, long departmentId) {
        handling.assign(id, version, departmentId);
    }

    /** The assigned department answers (again, after a return); the answer then waits for review. */
    @Transactional
    @PreAuthorize("hasAnyRole('CLERK', 'REVIEWER')")
    public void answer(long id, long version, String answer, StaffPrincipal me) {
        handling.answer(id, version, answer, me);
    }

    /** What the reviewer passes: the question and answer texts as they will be public (personal data removed). */
    public record PassCommand(String publicTitle, String publicBody, String publicAnswer, boolean confirmed) {
    }

    /**
     * The reviewer passes the answer: 先审查、后公开. It is public from now on when the asker allowed it; otherwise only the
     * asker sees it through the tracking page. Who answered cannot pass their own answer.
     */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void pass(long id, long version, PassCommand c, StaffPrincipal me) {
        handling.pass(id, version, c, me);
    }

    /** The reviewer returns the answer to the department with a reason. */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void returnAnswer(long id, long version, String reason, StaffPrincipal me) {
        handling.returnAnswer(id, version, reason, me);
    }

    /** Takes a published answer off the public site (published in error); the asker still sees it when tracking. */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void unpublish(long id, long version) {
        handling.unpublish(id, version);
    }

    // ---- reminders ---------------------------------------------------------------------------------------------

    /**
     * The daily run: reminds the assigned department of questions due within {@value #DUE_SOON_DAYS} working day or overdue,
     * in its inbox; once per question, kind and day.
     */
    @Transactional
    public int remind() {
        return handling.remind();
    }

    // ---- the public read model ---------------------------------------------------------------------------------

    /** A published question and answer: only the texts the reviewer passed, never the asker's name or contact. */
    public record PublicQuestion(long id, QuestionTopic topic, String title, String body, String answer, String departmentName,
                                 LocalDate askedOn, Instant repliedAt, String relatedDocument) {
    }

    @Transactional(readOnly = true)
    public Optional<PublicQuestion> published(long id) {
        return publishedQuestions.published(id);
    }

    /** Published Q&A, newest first, optionally of one topic and containing a phrase (in question or answer). */
    @Transactional(readOnly = true)
    public List<PublicQuestion> published(QuestionTopic topic, String phrase, int limit) {
        return publishedQuestions.published(topic, phrase, limit);
    }

    /**
     * Published Q&A that name this item as their source, for the item page; no query at all for the many items that no
     * published question names ({@link PublishedQuestions#isAskedAbout}).
     */
    public List<PublicQuestion> relatedTo(String documentId) {
        return publishedQuestions.isAskedAbout(documentId) ? publishedQuestions.relatedTo(documentId) : List.of();
    }

    /** How many published Q&A each topic has. */
    @Transactional(readOnly = true)
    public java.util.Map<QuestionTopic, Long> publishedCounts() {
        return publishedQuestions.publishedCounts();
    }

    // ---- FAQ (常见问题) ----------------------------------------------------------------------------------------

    /** A FAQ entry: a typical question with its standing answer. */
    public record FaqEntry(long id, QuestionTopic topic, String question, String answer, Long sourceQuestionId, int position,
                           long version) {
    }

    @Transactional(readOnly = true)
    public List<FaqEntry> faq() {
        return publishedQuestions.faq();
    }

    /** The office adds a FAQ entry, usually from a replied question (whose passed texts are the starting point). */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public long addFaq(QuestionTopic topic, String question, String answer, Long sourceQuestionId) {
        return publishedQuestions.addFaq(topic, question, answer, sourceQuestionId);
    }

    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void removeFaq(long id, long version) {
        publishedQuestions.removeFaq(id, version);
    }

    /** Replied questions that share a topic and a title phrase with others: candidates for the FAQ. */
    public record Repeated(QuestionTopic topic, String title, long count, long latestId) {
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('REVIEWER')")
    public List<Repeated> repeatedQuestions() {
        return publishedQuestions.repeatedQuestions();
    }
}
