package dev.formation.web;

import io.micronaut.http.HttpRequest;

/** The client's address for logs: the peer address (a proxy's X-Forwarded-For is not trusted by default). */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpRequest<?> request) {
        var address = request.getRemoteAddress();
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }
}
