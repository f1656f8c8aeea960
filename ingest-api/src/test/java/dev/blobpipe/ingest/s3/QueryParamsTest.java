package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryParamsTest {

    @Test
    void parsesSubresourcesValuesAndFirstOfRepeatedNames() {
        var query = QueryParams.parse("acl&prefix=a%2Fb+c&max-keys=5&prefix=ignored&&x-id=GetObject");

        assertThat(query.has("acl")).isTrue();
        assertThat(query.get("acl")).isEmpty();
        assertThat(query.get("prefix")).isEqualTo("a/b c");
        assertThat(query.get("max-keys")).isEqualTo("5");
        assertThat(query.names()).containsExactly("acl", "prefix", "max-keys", "x-id");
    }

    @Test
    void emptyOrAbsentQueryHasNoParameters() {
        assertThat(QueryParams.parse(null).names()).isEmpty();
        assertThat(QueryParams.parse("").names()).isEmpty();
    }
}
