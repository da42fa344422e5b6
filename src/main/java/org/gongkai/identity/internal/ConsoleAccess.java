package org.gongkai.identity.internal;

import static org.gongkai.identity.Role.APPROVER;
import static org.gongkai.identity.Role.AUDITOR;
import static org.gongkai.identity.Role.CLERK;
import static org.gongkai.identity.Role.REVIEWER;
import static org.gongkai.identity.Role.SECADMIN;
import static org.gongkai.identity.Role.SYSADMIN;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.gongkai.identity.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may open which console route: the single source of the {@code /admin} rules of {@link SecurityConfiguration}. The first
 * rule whose pattern (and method, where one is given) matches decides; a console route that no rule names is denied to
 * everyone, so a new page stays closed until it is added here. {@code ConsoleAccessTests} walks every mapped console route for
 * every role and checks the answer against this table. Finer rules (own department, workflow state, separation of duties)
 * stay in the services.
 */
public final class ConsoleAccess {

    /** Every staff role: the start page, one's own account and the notice inbox. */
    static final Set<Role> STAFF = EnumSet.allOf(Role.class);
    /** The roles that work on disclosure items. */
    static final Set<Role> EDITORIAL = EnumSet.of(CLERK, REVIEWER, APPROVER);

    /** One line of the table. */
    public record Rule(HttpMethod method, String pattern, Set<Role> roles) {

        public RequestMatcher matcher() {
            return method == null ? PathPatternRequestMatcher.withDefaults().matcher(pattern)
                    : PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
        }

        public String[] roleNames() {
            return roles.stream().map(Role::name).toArray(String[]::new);
        }
    }

    /** The table, first match wins. */
    public static final List<Rule> RULES = List.of(
            // everyone on the staff
            rule("/admin", STAFF),
            rule("/admin/account/**", STAFF),
            rule("/admin/inbox/**", STAFF),
            // identity (三员分立): sysadmin keeps departments and accounts, secadmin grants roles and unlocks
            rule("/admin/departments/**", SYSADMIN),
            rule("/admin/users/*/roles", SECADMIN),
            rule("/admin/users/*/unlock", SECADMIN),
            rule("/admin/users/*/second-factor", SECADMIN),
            // changes to an administrator account wait for a third administrator's approval
            rule("/admin/account-requests/**", SYSADMIN, SECADMIN, AUDITOR),
            rule("/admin/users/**", SYSADMIN, SECADMIN),
            // the audit trail: the auditor only
            rule("/admin/audit/**", AUDITOR),
            // site structure and reference data: sysadmin
            rule("/admin/catalogue/**", SYSADMIN),
            rule("/admin/codes/**", SYSADMIN),
            rule("/admin/matters/**", SYSADMIN),
            rule("/admin/portal/guide/**", SYSADMIN),
            rule("/admin/qr/**", SYSADMIN),
            rule(HttpMethod.GET, "/admin/table-templates/*/template.xlsx", CLERK, REVIEWER, APPROVER, SYSADMIN),
            rule("/admin/table-templates/**", SYSADMIN),
            rule("/admin/calendar/**", SYSADMIN),
            // disclosure items and their workflow
            rule("/admin/documents/**", EDITORIAL),
            rule(HttpMethod.POST, "/admin/tables/*/rows/*/delete", CLERK),
            rule("/admin/tables/**", EDITORIAL),
            rule("/admin/review/*/sheet", EDITORIAL),
            rule(HttpMethod.POST, "/admin/review/*/pass", REVIEWER),
            rule(HttpMethod.POST, "/admin/review/*/retrospective", REVIEWER),
            rule(HttpMethod.GET, "/admin/review", REVIEWER),
            rule("/admin/review/**", REVIEWER, APPROVER),
            rule(HttpMethod.GET, "/admin/approval", APPROVER),
            rule(HttpMethod.POST, "/admin/approval/*/approve", APPROVER),
            rule("/admin/approval/**", REVIEWER, APPROVER),
            // 意见征集 and 建议提案办理结果: the department's clerks work on them, reviewers and approvers read them
            rule("/admin/consultations/new", CLERK),
            rule("/admin/consultations/*/edit", CLERK),
            rule(HttpMethod.POST, "/admin/consultations/**", CLERK),
            rule("/admin/consultations/**", EDITORIAL),
            rule("/admin/proposals/new", CLERK),
            rule("/admin/proposals/**", EDITORIAL),
            // information-disclosure requests (依申请公开)
            rule("/admin/requests/templates/**", REVIEWER),
            rule("/admin/requests/**", EDITORIAL),
            // 政民互动 (questions and answers) and 满意度评价 (ratings)
            rule("/admin/questions/faq/**", REVIEWER),
            rule(HttpMethod.POST, "/admin/questions/*/assign", REVIEWER),
            rule(HttpMethod.POST, "/admin/questions/*/pass", REVIEWER),
            rule(HttpMethod.POST, "/admin/questions/*/return", REVIEWER),
            rule(HttpMethod.POST, "/admin/questions/*/unpublish", REVIEWER),
            rule(HttpMethod.POST, "/admin/questions/*/answer", CLERK, REVIEWER),
            rule("/admin/questions/**", EDITORIAL),
            rule("/admin/ratings/**", REVIEWER, APPROVER),
            // reporting
            rule("/admin/compliance", REVIEWER, APPROVER, SYSADMIN),
            rule("/admin/compliance.xlsx", REVIEWER, APPROVER, SYSADMIN),
            rule("/admin/compliance/**", REVIEWER, APPROVER, SYSADMIN),
            rule("/admin/reports/**", EDITORIAL),
            // 网站自查: the office, as for the compliance dashboard, and the sysadmin
            rule("/admin/inspection", REVIEWER, APPROVER, SYSADMIN),
            rule("/admin/inspection/**", REVIEWER, APPROVER, SYSADMIN));

    private ConsoleAccess() {
    }

    /** The roles that may open this request's route, or empty when no rule names it (then nobody may). */
    public static Optional<Set<Role>> allowed(HttpServletRequest request) {
        return RULES.stream().filter(rule -> rule.matcher().matches(request)).findFirst().map(Rule::roles);
    }

    private static Rule rule(String pattern, Set<Role> roles) {
        return new Rule(null, pattern, roles);
    }

    private static Rule rule(String pattern, Role first, Role... more) {
        return new Rule(null, pattern, EnumSet.of(first, more));
    }

    private static Rule rule(HttpMethod method, String pattern, Role first, Role... more) {
        return new Rule(method, pattern, EnumSet.of(first, more));
    }
}
