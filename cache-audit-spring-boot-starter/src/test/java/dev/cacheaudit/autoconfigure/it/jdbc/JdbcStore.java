package dev.cacheaudit.autoconfigure.it.jdbc;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link Store} with {@code JdbcTemplate}. */
class JdbcStore implements Store {

    private final JdbcTemplate jdbc;

    JdbcStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name(String table, long id) {
        return jdbc.queryForObject("SELECT name FROM " + table + " WHERE id = ?", String.class, id);
    }

    @Override
    public int rename(String table, long id, String name) {
        return jdbc.update("UPDATE " + table + " SET name = ? WHERE id = ?", name, id);
    }

    @Override
    public List<String> children(String table, long parentId) {
        return jdbc.queryForList(
                "SELECT name FROM " + table + " WHERE parent_id = ? ORDER BY id", String.class, parentId);
    }

    @Override
    public int move(String table, long id, long parentId) {
        return jdbc.update("UPDATE " + table + " SET parent_id = ? WHERE id = ?", parentId, id);
    }

    @Override
    public int insertChild(String table, long parentId, String name) {
        return jdbc.update("INSERT INTO " + table + " (parent_id, name) VALUES (?, ?)", parentId, name);
    }

    @Override
    public String setting(String key) {
        return jdbc.queryForObject("SELECT v FROM setting WHERE k = ?", String.class, key);
    }

    @Override
    public int log(String message) {
        return jdbc.update("INSERT INTO audit_log (message) VALUES (?)", message);
    }
}
