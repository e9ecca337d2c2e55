/**
 * The {@code smtp} notifier: e-mail through any SMTP relay the organisation already runs, sent
 * with Jakarta Mail (Eclipse Angus). This package owns the settings, the strict checks of
 * addresses and header text made before connecting, the shape of the message (7-bit: encoded
 * words and a base64 body, so any relay accepts it), the few protocol rules Angus leaves
 * lenient ({@link dev.formation.plugins.notify.smtp.NotifierTransport}) and the wording of
 * failures ({@link dev.formation.plugins.notify.smtp.SmtpFailures}); the protocol itself is Angus's.
 */
package dev.formation.plugins.notify.smtp;
