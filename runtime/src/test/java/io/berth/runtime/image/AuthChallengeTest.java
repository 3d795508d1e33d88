package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.image.registry.RegistryClient;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {
    @Test
    void plainHttpOnlyForLoopbackRegistries() {
        assertTrue(RegistryClient.isLoopback("127.0.0.1:5000"));
        assertTrue(RegistryClient.isLoopback("localhost"));
        assertTrue(RegistryClient.isLoopback("[::1]:5000"));
        assertFalse(RegistryClient.isLoopback("127.0.0.1.example.com"));
        assertFalse(RegistryClient.isLoopback("localhost.evil:5000"));
        assertFalse(RegistryClient.isLoopback("10.0.0.1:5000"));
    }
}
