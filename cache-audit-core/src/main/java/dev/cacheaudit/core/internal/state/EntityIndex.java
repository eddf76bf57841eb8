package dev.cacheaudit.core.internal.state;

import dev.cacheaudit.core.event.EntityHeld;
import dev.cacheaudit.core.keys.KeyDescriptor;
import dev.cacheaudit.core.keys.KeyNormalisation;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Which keys of a cache hold which entity, and which keys of a cache share a normal form. Entities are known by a
 * keyed fingerprint of their identifier (HMAC-SHA256 under a key drawn once per process, cut to 64 bits): the index
 * never holds an identifier, and a fingerprint cannot be recovered by hashing guessed ones. Both maps forget their least
 * recently used entries within one byte budget, and count what they forget. Owned by the engine thread.
 */
public final class EntityIndex {

    /** How many keys are kept per entity or per normal form: more would be a cache keyed many ways at once. */
    private static final int MAX_FORMS = 4;

    private static final long ENTRY_OVERHEAD_BYTES = 160;

    private final BoundedLruMap<EntityId, List<Holder>> holders;

    private final BoundedLruMap<NormalId, List<Form>> normals;

    private final @Nullable Mac mac;

    EntityIndex(long maxBytes) {
        this.holders = new BoundedLruMap<>(maxBytes / 2, (id, list) -> ENTRY_OVERHEAD_BYTES + MAX_FORMS * 96L);
        this.normals = new BoundedLruMap<>(
                maxBytes / 2,
                (id, list) -> ENTRY_OVERHEAD_BYTES + 2L * id.normal().length() + MAX_FORMS * 96L);
        this.mac = newMac();
    }

    private static @Nullable Mac newMac() {
        try {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException ex) {
            // Every Java platform has HmacSHA256; without it entities are simply not tracked.
            return null;
        }
    }

    /** The keyed fingerprint of an identifier, as it prints. */
    long fingerprint(String id) {
        Mac m = mac;
        if (m == null) {
            return 0;
        }
        byte[] digest = m.doFinal(id.getBytes(StandardCharsets.UTF_8));
        long out = 0;
        for (int i = 0; i < 8; i++) {
            out = (out << 8) | (digest[i] & 0xff);
        }
        return out;
    }

    void held(String cache, KeyDescriptor key, EntityHeld event) {
        if (mac == null || !key.simpleValue()) {
            return;
        }
        for (EntityHeld.Entity entity : event.entities()) {
            List<Holder> list =
                    holders.computeIfAbsent(new EntityId(cache, fingerprint(entity.id())), id -> new ArrayList<>(1));
            list.removeIf(h -> h.printed().equals(key.printed()) && h.type().equals(key.type()));
            if (list.size() >= MAX_FORMS) {
                list.remove(0);
            }
            list.add(new Holder(
                    key.type(),
                    key.printed(),
                    entity.type(),
                    entity.idAttribute(),
                    event.keyAttribute(),
                    event.entities().size() == 1,
                    event.nanos()));
        }
    }

    void stored(String cache, KeyDescriptor key) {
        if (!key.simpleValue()) {
            return;
        }
        String normal = KeyNormalisation.normalise(key.printed());
        if (normal.equals(key.printed())) {
            // Keys already in normal form are found directly in the key history under it.
            return;
        }
        List<Form> list = normals.computeIfAbsent(new NormalId(cache, normal), id -> new ArrayList<>(1));
        Form form = new Form(key.type(), key.printed());
        if (!list.contains(form)) {
            if (list.size() >= MAX_FORMS) {
                list.remove(0);
            }
            list.add(form);
        }
    }

    /** The keys of a cache that held an entity whose identifier prints as {@code id}; empty when none did. */
    public List<Holder> holders(String cache, String id) {
        if (mac == null) {
            return List.of();
        }
        List<Holder> list = holders.get(new EntityId(cache, fingerprint(id)));
        return list == null ? List.of() : List.copyOf(list);
    }

    /** The keys of a cache not in normal form whose normal form is {@code normal}; empty when none was stored. */
    public List<Form> withNormalForm(String cache, String normal) {
        List<Form> list = normals.get(new NormalId(cache, normal));
        return list == null ? List.of() : List.copyOf(list);
    }

    /** How many entries were forgotten to stay within the budget. */
    long forgotten() {
        return holders.evicted() + normals.evicted();
    }

    /** The estimated heap the index takes, in bytes. */
    long weight() {
        return holders.weight() + normals.weight();
    }

    /**
     * A key that held an entity.
     *
     * @param type the key's type
     * @param printed the key as it prints
     * @param entityType the simple name of the entity's class
     * @param idAttribute the entity's identifier attribute
     * @param keyAttribute the value's attribute the key was taken from, when known
     * @param single whether the value was this one entity rather than a collection holding it among others
     * @param heldNanos when the value holding it was stored: a later put of the same key stored another value
     */
    public record Holder(
            String type,
            String printed,
            String entityType,
            String idAttribute,
            @Nullable String keyAttribute,
            boolean single,
            long heldNanos) {}

    /**
     * A stored key, by type and printed form.
     *
     * @param type the key's type
     * @param printed the key as it prints
     */
    public record Form(String type, String printed) {}

    private record EntityId(String cache, long fingerprint) {}

    private record NormalId(String cache, String normal) {}
}
