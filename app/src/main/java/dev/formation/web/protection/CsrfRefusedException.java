package dev.formation.web.protection;

/**
 * An unsafe request on the login cookie without this login's CSRF token (most often a page left
 * open across a logout or a new login); answered 403 "reload the page" by the error handlers.
 */
public class CsrfRefusedException extends RuntimeException {

    public CsrfRefusedException(String reason) {
        // an expected refusal, not a fault: no stack trace to fill
        super(reason, null, false, false);
    }
}
