package dev.securerestapi.realm.tokens;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A token store in memory, for tests of the login core: what the file and the database stores do, without either. */
public final class MemoryTokens implements TokenStore {

    private final Map<String, StoredToken> byId = new ConcurrentHashMap<>();
    private final byte[] key = TokenDigest.newKey();
    public final List<Map<String, Use>> written = new ArrayList<>();

    @Override
    public Map<String, StoredToken> byDigest() {
        Map<String, StoredToken> map = new ConcurrentHashMap<>();
        byId.values().forEach(t -> map.put(t.digest(), t));
        return map;
    }

    @Override
    public List<StoredToken> of(String user) {
        return byId.values().stream().filter(t -> t.user().equals(user)).sorted(Comparator.comparing(StoredToken::created).reversed()).toList();
    }

    @Override
    public synchronized Refusal add(StoredToken token, int max) {
        List<StoredToken> mine = of(token.user());
        if (mine.stream().anyMatch(t -> t.name().equals(token.name()))) {
            return Refusal.NAME_TAKEN;
        }
        if (mine.size() >= max) {
            return Refusal.TOO_MANY;
        }
        byId.put(token.id(), token);
        return null;
    }

    @Override
    public boolean revoke(String user, String id) {
        StoredToken token = byId.get(id);
        return token != null && token.user().equals(user) && byId.remove(id, token);
    }

    @Override
    public synchronized void used(Map<String, Use> uses) {
        written.add(Map.copyOf(uses));
        uses.forEach((id, use) -> byId.computeIfPresent(id, (i, t) -> t.usedAt(use.at(), use.address())));
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public void close() {
        // nothing held
    }
}
