package dev.formation.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.nio.file.Path;

/**
 * The {@code formation.*} settings: where data and the metadata overlay live,
 * and whether the demo organisation and records are loaded into an empty database.
 */
@ConfigurationProperties("formation")
public class FormationSettings {

    private String dataDir = "./data";
    private String metadataDir = "";
    private String shippedMetadataDir = "";
    private String reportsDir = "";
    private String demoData = "auto";
    private long maxUploadBytes = 20L * 1024 * 1024;
    private int numberBlockSize = 10;
    private int reportCacheSeconds = 30;
    private int lockoutAttempts = 5;
    private int lockoutWindowMinutes = 15;
    private int lockoutMinutes = 15;
    private String timeZone = "";
    private String clockStart = "";
    private int userCacheSeconds = 10;
    private String adminPassword = "";

    public Path dataPath() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    public Path uploadsPath() {
        return dataPath().resolve("uploads");
    }

    public String getDataDir() {
        return dataDir;
    }

    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    /** The tenant overlay folder; empty means no overlay. */
    public String getMetadataDir() {
        return metadataDir;
    }

    public void setMetadataDir(String metadataDir) {
        this.metadataDir = metadataDir;
    }

    /**
     * Reads the shipped layer from this folder instead of the copy packaged in the jar:
     * used when running from a source checkout so an edit to {@code metadata/} needs no rebuild.
     */
    public String getShippedMetadataDir() {
        return shippedMetadataDir;
    }

    public void setShippedMetadataDir(String shippedMetadataDir) {
        this.shippedMetadataDir = shippedMetadataDir;
    }

    /**
     * A folder of report templates ({@code *.jrxml}) used instead of the packaged ones of the
     * same name: an installation's edited copies. Trusted like the app itself, since a template's
     * Java expressions run inside it.
     */
    public String getReportsDir() {
        return reportsDir;
    }

    public void setReportsDir(String reportsDir) {
        this.reportsDir = reportsDir;
    }

    /**
     * When to load the demo into an empty database: {@code auto} (only the embedded H2 default),
     * {@code true} (any database, e.g. a test MariaDB), {@code false} (never).
     */
    public String getDemoData() {
        return demoData;
    }

    public void setDemoData(String demoData) {
        this.demoData = demoData;
    }

    public long getMaxUploadBytes() {
        return maxUploadBytes;
    }

    public void setMaxUploadBytes(long maxUploadBytes) {
        this.maxUploadBytes = maxUploadBytes;
    }

    /** How many auto-numbers a node reserves at once (see the store's number allocator). */
    public int getNumberBlockSize() {
        return numberBlockSize;
    }

    public void setNumberBlockSize(int numberBlockSize) {
        this.numberBlockSize = numberBlockSize;
    }

    /** Failed logins from one client address within the window that lock the user name from that address. */
    public int getLockoutAttempts() {
        return lockoutAttempts;
    }

    public void setLockoutAttempts(int lockoutAttempts) {
        this.lockoutAttempts = lockoutAttempts;
    }

    public int getLockoutWindowMinutes() {
        return lockoutWindowMinutes;
    }

    public void setLockoutWindowMinutes(int lockoutWindowMinutes) {
        this.lockoutWindowMinutes = lockoutWindowMinutes;
    }

    /** How long a lock lasts, from the failure that made it. */
    public int getLockoutMinutes() {
        return lockoutMinutes;
    }

    public void setLockoutMinutes(int lockoutMinutes) {
        this.lockoutMinutes = lockoutMinutes;
    }

    /**
     * How long a node reuses what it read about the user behind a token (roles, enabled, token
     * version). A change made on this node counts at once; on other nodes after at most this long.
     */
    public int getUserCacheSeconds() {
        return userCacheSeconds;
    }

    public void setUserCacheSeconds(int userCacheSeconds) {
        this.userCacheSeconds = userCacheSeconds;
    }

    /**
     * The password of the first {@code admin} made on a database without users and without the
     * demo; empty: a random one, logged once.
     */
    public String getAdminPassword() {
        return adminPassword;
    }

    public void setAdminPassword(String adminPassword) {
        this.adminPassword = adminPassword == null ? "" : adminPassword;
    }

    /** How long a report result is reused for the same viewer scope and parameters (0: never). */
    public int getReportCacheSeconds() {
        return reportCacheSeconds;
    }

    public void setReportCacheSeconds(int reportCacheSeconds) {
        this.reportCacheSeconds = reportCacheSeconds;
    }

    /** The zone of "today" and of stored local times; empty means the JVM's zone. */
    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    /** Starts the app's clock at this date or date-time instead of now (tests, reproducing a date); empty: real time. */
    public String getClockStart() {
        return clockStart;
    }

    public void setClockStart(String clockStart) {
        this.clockStart = clockStart;
    }
}
