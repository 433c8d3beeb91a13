package io.rotabot.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A new, empty database on the machine's PostgreSQL (127.0.0.1:5432, trust), for the application under test. */
public final class PostgresDatabase {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private PostgresDatabase() {
    }

    /** Drops and creates the database and points spring.datasource at it. */
    public static void fresh(String name, DynamicPropertyRegistry properties) throws SQLException {
        String url = recreate(name);
        properties.add("spring.datasource.url", () -> url);
        properties.add("spring.datasource.username", () -> "postgres");
        properties.add("spring.datasource.password", () -> "");
    }

    /** Drops and creates the database; its JDBC URL, for user postgres without a password. */
    public static String recreate(String name) throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "test", "postgres", "");
             Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + name + " with (force)");
            sql.execute("create database " + name);
        }
        return SERVER + name;
    }
}
