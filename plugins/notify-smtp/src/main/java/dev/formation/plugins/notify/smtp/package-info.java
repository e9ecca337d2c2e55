/**
 * The {@code smtp} notifier: e-mail through any SMTP relay the organisation already runs.
 *
 * <p>The client is written on {@code java.net.Socket} rather than on Jakarta Mail because the
 * engine only ever hands over one plain-text message to one recipient, and that small part of
 * SMTP (EHLO, STARTTLS, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA) is cheaper to own than a mail API
 * and its activation framework on the application's class path.
 *
 * <p>Everything the message carries is 7-bit (encoded-word headers, base64 body), so any relay
 * accepts it whether or not it offers 8BITMIME or SMTPUTF8.
 */
package dev.formation.plugins.notify.smtp;
