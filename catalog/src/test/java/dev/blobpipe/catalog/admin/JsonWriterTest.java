package dev.blobpipe.catalog.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesNestedObjectsAndArraysWithCommasBetweenMembers() throws IOException {
        var text = new StringWriter();

        new JsonWriter(text).beginObject().name("buckets").beginArray()
                .beginObject().field("bucket", "a").field("objects", 2).endObject()
                .beginObject().field("bucket", "b").field("objects", 0).endObject()
                .endArray().field("idle", (String) null).endObject();

        assertThat(text).hasToString("{\"buckets\":[{\"bucket\":\"a\",\"objects\":2},{\"bucket\":\"b\",\"objects\":0}],"
                + "\"idle\":null}");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() throws IOException {
        var text = new StringWriter();

        new JsonWriter(text).beginObject().field("key", "a\"b\\c\nd\u0001é").endObject();

        assertThat(text).hasToString("{\"key\":\"a\\\"b\\\\c\\nd\\u0001é\"}");
    }

    @Test
    void writesJsonLinesAsTopLevelObjectsOnePerLine() throws IOException {
        var text = new StringWriter();
        var json = new JsonWriter(text);

        json.beginObject().field("n", 1).endObject().newline();
        json.beginObject().field("n", 2).endObject().newline();

        assertThat(text).hasToString("{\"n\":1}\n{\"n\":2}\n");
    }

    @Test
    void refusesANameOutsideAnObject() {
        assertThatThrownBy(() -> new JsonWriter(new StringWriter()).name("x"))
                .isInstanceOf(IllegalStateException.class);
    }
}
