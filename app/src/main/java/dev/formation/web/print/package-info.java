/**
 * Printable documents of a record: what a hand-designed template is given (the record's values
 * as the detail page shows them, its sub-tables, the related records and owners metadata names,
 * all as the printing user may read them) and the route that answers the PDF. The templates and
 * their rendering are the report package's; which prints a form has is metadata ({@code prints:}).
 */
package dev.formation.web.print;
