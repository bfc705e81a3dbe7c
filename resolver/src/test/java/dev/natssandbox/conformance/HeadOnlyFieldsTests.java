package dev.natssandbox.conformance;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeadOnlyFieldsTests {

    @Test
    void removesOnlyTheListedFieldsAndKeepsEverythingElseByteForByte() {
        String payload = "{\"name\":\"a\\u003cb\",\"nats\":{\"signing_keys\":[\"AK\",{\"kind\":\"user_scope\","
                + "\"template\":{\"pub\":{},\"bearer_token\":true,\"proxy_required\":true},"
                + "\"description\":\"x\\\"},\\\"y\"}],\"mappings\":{\"authorization\":[]},\"authorization\":{},"
                + "\"proxy_required\":true,\"description\":\"kept\",\"type\":\"account\"}}";
        String expected = "{\"name\":\"a\\u003cb\",\"nats\":{\"signing_keys\":[\"AK\",{\"kind\":\"user_scope\","
                + "\"template\":{\"pub\":{},\"bearer_token\":true}}],\"mappings\":{\"authorization\":[]},"
                + "\"description\":\"kept\",\"type\":\"account\"}}";
        assertEquals(expected, HeadOnlyFields.strip(payload));
    }

    @Test
    void removesAFieldThatOpensItsObject() {
        assertEquals("{\"nats\":{\"type\":\"user\"}}",
                HeadOnlyFields.strip("{\"nats\":{\"proxy_required\":true,\"type\":\"user\"}}"));
        assertEquals("{\"nats\":{}}", HeadOnlyFields.strip("{\"nats\":{\"authorization\":{\"a\":[1]}}}"));
    }
}
