package dev.cacheaudit.autoconfigure.it.jdbc;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * The data access of the lineage scenarios: a MyBatis mapper as it stands, and implemented with {@code JdbcTemplate}
 * by {@link JdbcStore}. Table names are substituted, values bound.
 */
public interface Store {

    @Select("SELECT name FROM ${table} WHERE id = #{id}")
    String name(@Param("table") String table, @Param("id") long id);

    @Update("UPDATE ${table} SET name = #{name} WHERE id = #{id}")
    int rename(@Param("table") String table, @Param("id") long id, @Param("name") String name);

    @Select("SELECT name FROM ${table} WHERE parent_id = #{parentId} ORDER BY id")
    List<String> children(@Param("table") String table, @Param("parentId") long parentId);

    @Update("UPDATE ${table} SET parent_id = #{parentId} WHERE id = #{id}")
    int move(@Param("table") String table, @Param("id") long id, @Param("parentId") long parentId);

    @Insert("INSERT INTO ${table} (parent_id, name) VALUES (#{parentId}, #{name})")
    int insertChild(@Param("table") String table, @Param("parentId") long parentId, @Param("name") String name);

    @Select("SELECT v FROM setting WHERE k = #{key}")
    String setting(@Param("key") String key);

    @Insert("INSERT INTO audit_log (message) VALUES (#{message})")
    int log(@Param("message") String message);
}
