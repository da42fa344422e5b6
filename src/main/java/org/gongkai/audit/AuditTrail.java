package org.gongkai.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Appends audit events in the caller's transaction, so an event exists exactly when the change it records was committed.
 * Each event's hash covers its content and the previous event's hash; {@link #verify()} recomputes the chain.
 */
@Service
public class AuditTrail {

    static final String GENESIS = "0".repeat(64);
    /** Serialises appends so that the chain has one order; taken per transaction and released at commit. */
    static final long CHAIN_LOCK = 0x6A6F6E6B6169L;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AuditAnchors anchors;
    private final java.time.ZoneId zone;

    AuditTrail(JdbcTemplate jdbc, Clock clock, AuditAnchors anchors, java.time.ZoneId zone) {
        this.zone = zone;
        this.jdbc = jdbc;
        this.clock = clock;
        this.anchors = anchors;
    }

    /** Records an action of the signed-in user (else of the {@link SystemActor} at work, else "anonymous") on an object. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String objectType, Object objectId, String summary) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String actor = SystemActor.current() == null ? "anonymous" : SystemActor.current();
        String roles = "";
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
            actor = auth.getName();
            roles = String.join(",", auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .filter(a -> a != null && a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted().toList());
        }
        recordAs(actor, roles, action, objectType, objectId, summary);
    }

    /** Records an action of a named actor, for events such as a failed login where nobody is signed in. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAs(String actor, String roles, String action, String objectType, Object objectId, String summary) {
        jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, CHAIN_LOCK);
        String previous = jdbc.query("select hash from audit_event order by id desc limit 1",
                rs -> rs.next() ? rs.getString(1) : GENESIS);
        AuditEvent event = new AuditEvent(null, Instant.now(clock).truncatedTo(ChronoUnit.MICROS), limit(actor, 50),
                limit(roles, 100), limit(action, 60), limit(objectType, 40), limit(objectId == null ? "" : objectId.toString(), 80),
                summary == null ? "" : summary, limit(clientAddress(), 64), limit(requestId(), 64), previous, null);
        String hash = hash(event);
        jdbc.update("""
                insert into audit_event (occurred_at, actor, actor_roles, action, object_type, object_id, summary,
                                         client_address, request_id, previous_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                Timestamp.from(event.occurredAt()), event.actor(), event.actorRoles(), event.action(), event.objectType(),
                event.objectId(), event.summary(), event.clientAddress(), event.requestId(), previous, hash);
    }

    /** Events matching the filter, newest first. */
    @Transactional(readOnly = true)
    public List<AuditEvent> find(AuditFilter filter, int limit, int offset) {
        return jdbc.query("""
                select * from audit_event
                where (? = '' or actor = ?) and (? = '' or action like ? || '%')
                  and (? = '' or object_type = ?) and (? = '' or object_id = ?)
                  and (?::timestamptz is null or occurred_at >= ?::timestamptz)
                  and (?::timestamptz is null or occurred_at < ?::timestamptz)
                order by id desc limit ? offset ?""",
                AuditTrail::map,
                filter.actor(), filter.actor(), filter.action(), filter.action(), filter.objectType(), filter.objectType(),
                filter.objectId(), filter.objectId(), filter.fromTimestamp(zone), filter.fromTimestamp(zone),
                filter.toTimestamp(zone), filter.toTimestamp(zone), limit, offset);
    }

    /**
     * Recomputes every hash in order (the first row whose stored hash or link does not match breaks the chain), then holds the
     * chain against its anchors: each anchor's signature must hold, and the event it anchored must still be there with the
     * anchored hash. An anchored event that is gone means the tail was cut after the anchor was taken.
     */
    @Transactional(readOnly = true)
    public ChainVerification verify() {
        String[] previous = {GENESIS};
        long[] count = {0};
        Long[] broken = {null};
        Long[] last = {null};
        jdbc.query("select * from audit_event order by id", rs -> {
            AuditEvent event = map(rs, 0);
            last[0] = event.id();
            if (broken[0] != null) {
                return;
            }
            count[0]++;
            if (!event.previousHash().equals(previous[0]) || !hash(event).equals(event.hash())) {
                broken[0] = event.id();
            }
            previous[0] = event.hash();
        });
        AuditAnchor[] lastAnchor = {null};
        AuditAnchor[] cut = {null};
        Long[] forged = {null};
        jdbc.query("""
                select a.*, e.hash as event_hash from audit_anchor a left join audit_event e on e.id = a.event_id
                order by a.id""", rs -> {
            AuditAnchor anchor = AuditAnchors.map(rs);
            String eventHash = rs.getString("event_hash");
            lastAnchor[0] = anchor;
            if (!anchors.authentic(anchor)) {
                forged[0] = forged[0] == null ? anchor.id() : forged[0];
            } else if (eventHash == null) {
                cut[0] = anchor;
            } else if (!eventHash.equals(anchor.headHash()) && (broken[0] == null || anchor.eventId() < broken[0])) {
                broken[0] = anchor.eventId();
            }
        });
        return new ChainVerification(count[0], broken[0], last[0], lastAnchor[0], cut[0], forged[0]);
    }

    static AuditEvent map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
                rs.getString("actor_roles"), rs.getString("action"), rs.getString("object_type"), rs.getString("object_id"),
                rs.getString("summary"), rs.getString("client_address"), rs.getString("request_id"),
                rs.getString("previous_hash"), rs.getString("hash"));
    }

    static String hash(AuditEvent e) {
        String canonical = String.join("\u001f", e.previousHash(),
                Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, e.occurredAt())), e.actor(), e.actorRoles(),
                e.action(), e.objectType(), e.objectId(), e.summary(), e.clientAddress(), e.requestId());
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException(e1);
        }
    }

    private static String limit(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static String clientAddress() {
        HttpServletRequest request = currentRequest();
        return request == null ? "" : request.getRemoteAddr();
    }

    private static String requestId() {
        String id = MDC.get("requestId");
        return id == null ? "" : id;
    }

    private static HttpServletRequest currentRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest();
        }
        return null;
    }
}
