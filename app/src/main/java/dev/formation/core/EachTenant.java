package dev.formation.core;

/**
 * Runs background work once for every active tenant, each inside its own {@link TenantScope},
 * so a job written for one company (flow time limits, the e-mail outbox, following a publish)
 * serves them all. One tenant's failure is logged and does not stop the others.
 * The {@code tenant} package implements it; the jobs know only this.
 */
public interface EachTenant {

    void run(String job, Runnable work);
}
