package dev.formation.form;

/**
 * A form's recycle bin ({@code bin} in its metadata): the status a restored record gets
 * (null: the one it had when deleted) and how many days a record stays in the bin before an
 * admin may purge it for good.
 */
public record FormBin(String restoreStatus, int purgeAfterDays) {

    /** What a form that declares no bin gets: restored as it was, purgeable after 30 days. */
    public static final FormBin DEFAULT = new FormBin(null, 30);
}
