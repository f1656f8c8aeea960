package dev.blobpipe.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.testing.CatalogFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CatalogDatabaseTest {
    private CatalogFixture fixture;

    @BeforeEach
    void freshCatalog() {
        fixture = CatalogFixture.fresh();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void theMainPoolPlansEveryStatementForItsValuesAndTheLookupPoolMayCachePlans() throws SQLException {
        String jdbiPool = fixture.database().jdbi().withHandle(handle -> handle.createQuery("SHOW plan_cache_mode")
                .mapTo(String.class).one());

        assertThat(jdbiPool).isEqualTo("force_custom_plan");
        assertThat(planCacheMode(fixture.database().lookupConnections())).isEqualTo("auto");
    }

    private static String planCacheMode(DataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW plan_cache_mode")) {
            result.next();
            return result.getString(1);
        }
    }
}
