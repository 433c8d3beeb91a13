package io.rotabot.directory.ad;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What Rotabot reads once about a domain: its names, its password and lockout policy and the groups whose
 * members administer it, found by their well-known SIDs so that localized names do not matter. All of it
 * lives on the domain's head object and below it, wherever the connection's base DN points: a bind account
 * is often delegated on one OU only, and the OU carries no policy and holds none of the administering groups.
 *
 * @param distinguishedName the domain's head (DC=corp,DC=example,DC=com)
 * @param netbiosName the NetBIOS name (CORP), as in CORP\\alice
 * @param dnsName the DNS name (corp.example.test)
 * @param policyRead whether the head showed its password policy (minPwdLength); false when the bind account
 *                   cannot read it or the object is not an AD domain head
 * @param minimumPasswordAge the domain's minPwdAge
 * @param minimumPasswordLength the domain's minPwdLength
 * @param complexity whether the domain requires complex passwords
 * @param historyLength how many previous passwords the domain remembers
 * @param lockoutDuration how long a lockout lasts (lockoutDuration); zero when it lasts until an administrator ends it
 * @param privilegedGroups DNs of Domain Admins, Enterprise Admins, Schema Admins, Administrators,
 *                         Account Operators and Backup Operators, as far as the domain has them
 */
record Domain(String distinguishedName, String netbiosName, String dnsName, boolean policyRead, Duration minimumPasswordAge,
              int minimumPasswordLength, boolean complexity, int historyLength, Duration lockoutDuration,
              List<String> privilegedGroups) {

    /** Members of these (directly or nested) are administrators, whatever their adminCount says. */
    static final String IN_CHAIN = "1.2.840.113556.1.4.1941";
    private static final int[] DOMAIN_RIDS = {512, 518, 519};      // Domain, Schema, Enterprise Admins
    private static final int[] BUILTIN_RIDS = {544, 548, 551};     // Administrators, Account, Backup Operators
    private static final int DOMAIN_PASSWORD_COMPLEX = 1;

    /**
     * Reads the domain that holds the base DN: the domain controller's {@code defaultNamingContext} when the
     * base DN lies in it, else the base DN's own {@code DC=} part (a server without that attribute, or a base
     * DN in another domain of the forest).
     *
     * @throws LDAPException 32 when the domain's head does not exist, or whatever else the server answers
     */
    static Domain read(LDAPConnection connection, String baseDn) throws LDAPException {
        String domainDn = head(connection, baseDn);
        SearchResultEntry root = connection.getEntry(domainDn, "objectSid", "minPwdAge", "minPwdLength", "pwdProperties",
                "pwdHistoryLength", "lockoutDuration");
        if (root == null) {
            throw new LDAPException(ResultCode.NO_SUCH_OBJECT, "the domain " + domainDn + " of the base DN " + baseDn
                    + " does not exist");
        }
        String dnsName = dnsName(domainDn);
        Integer properties = root.getAttributeValueAsInteger("pwdProperties");
        return new Domain(domainDn, netbiosName(connection, domainDn).orElse(dnsName.split("\\.")[0].toUpperCase(Locale.ROOT)),
                dnsName,
                root.hasAttribute("minPwdLength"),
                interval(root.getAttributeValueAsLong("minPwdAge")),
                orZero(root.getAttributeValueAsInteger("minPwdLength")),
                properties != null && (properties & DOMAIN_PASSWORD_COMPLEX) != 0,
                orZero(root.getAttributeValueAsInteger("pwdHistoryLength")),
                interval(root.getAttributeValueAsLong("lockoutDuration")),
                privilegedGroups(connection, domainDn, root.getAttributeValueBytes("objectSid")));
    }

    /**
     * Whether an account locked out at this time is locked out still (MS-ADTS 3.1.1.4.5.25): until the
     * domain's lockout duration has passed, or for good when the duration is zero or "never".
     */
    boolean lockedOut(Optional<Instant> lockedOutAt, Instant now) {
        return lockedOutAt.isPresent() && (lockoutDuration.isZero() || lockedOutAt.get().plus(lockoutDuration).isAfter(now));
    }

    /** The filter that holds for privileged accounts: adminCount=1, or a member of a privileged group through any nesting. */
    Filter privilegedFilter() {
        List<Filter> any = new ArrayList<>();
        any.add(Filter.createEqualityFilter("adminCount", "1"));
        for (String group : privilegedGroups) {
            any.add(Filter.createExtensibleMatchFilter("memberOf", IN_CHAIN, false, group));
        }
        return Filter.createORFilter(any);
    }

    /** AD keeps ages as negative counts of 100 ns; the largest negative one means "never", read as zero. */
    static Duration interval(Long value) {
        return value == null || value == Long.MIN_VALUE ? Duration.ZERO : Duration.ofNanos(Math.abs(value) * 100);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static String head(LDAPConnection connection, String baseDn) throws LDAPException {
        RootDSE rootDse = connection.getRootDSE();
        String defaultContext = rootDse == null ? null : rootDse.getAttributeValue("defaultNamingContext");
        DN base = new DN(baseDn);
        if (defaultContext != null && base.isDescendantOf(new DN(defaultContext), true)) {
            return defaultContext;
        }
        List<RDN> components = new ArrayList<>();
        for (RDN rdn : base.getRDNs()) {
            if (rdn.hasAttribute("dc")) {
                components.add(rdn);
            }
        }
        return components.isEmpty() ? baseDn : new DN(components).toString();
    }

    private static Optional<String> netbiosName(LDAPConnection connection, String domainDn) throws LDAPException {
        RootDSE rootDse = connection.getRootDSE();
        String configuration = rootDse == null ? null : rootDse.getAttributeValue("configurationNamingContext");
        if (configuration == null) {
            return Optional.empty();
        }
        var partitions = connection.search("CN=Partitions," + configuration, SearchScope.ONE,
                Filter.createEqualityFilter("nCName", domainDn), "nETBIOSName");
        return partitions.getSearchEntries().stream()
                .map(e -> e.getAttributeValue("nETBIOSName"))
                .filter(name -> name != null && !name.isBlank())
                .findFirst();
    }

    private static String dnsName(String domainDn) throws LDAPException {
        List<String> labels = new ArrayList<>();
        for (RDN rdn : new DN(domainDn).getRDNs()) {
            if (rdn.hasAttribute("dc")) {
                labels.add(rdn.getAttributeValues()[0].toLowerCase(Locale.ROOT));
            }
        }
        return String.join(".", labels);
    }

    private static List<String> privilegedGroups(LDAPConnection connection, String domainDn, byte[] domainSid) throws LDAPException {
        if (domainSid == null) {
            return List.of(); // not a real AD (the sandbox): adminCount alone decides
        }
        List<Filter> sids = new ArrayList<>();
        for (int rid : DOMAIN_RIDS) {
            sids.add(Filter.createEqualityFilter("objectSid", withRid(domainSid, rid)));
        }
        for (int rid : BUILTIN_RIDS) {
            sids.add(Filter.createEqualityFilter("objectSid", builtin(rid)));
        }
        return connection.search(domainDn, SearchScope.SUB, Filter.createORFilter(sids), "1.1").getSearchEntries().stream()
                .map(SearchResultEntry::getDN)
                .toList();
    }

    /** The SID of a domain-relative account: the domain SID with one more sub-authority. */
    static byte[] withRid(byte[] domainSid, int rid) {
        byte[] sid = Arrays.copyOf(domainSid, domainSid.length + 4);
        sid[1] = (byte) (domainSid[1] + 1);
        ByteBuffer.wrap(sid, domainSid.length, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(rid);
        return sid;
    }

    /** S-1-5-32-rid, the BUILTIN domain's groups. */
    static byte[] builtin(int rid) {
        ByteBuffer sid = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        sid.put((byte) 1).put((byte) 2).put(new byte[] {0, 0, 0, 0, 0, 5});
        return sid.putInt(32).putInt(rid).array();
    }
}
