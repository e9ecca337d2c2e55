package dev.formation.record;

import dev.formation.store.StartupTaskRepository;
import dev.formation.store.Tx;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * A database from before files had links holds files nobody could open now (only the holders'
 * readers may). The migration leaves a start-up task when it finds files; the first node to start
 * links them through every {@link FileHolder}, in one transaction with taking the task, after
 * the schema sync.
 */
@Singleton
public class FileLinksBackfill {

    private static final Logger LOG = LoggerFactory.getLogger(FileLinksBackfill.class);
    static final String TASK = "link-existing-files";

    private final Tx tx;
    private final BeanProvider<FileHolder> holders;
    private final StartupTaskRepository tasks;

    public FileLinksBackfill(Tx tx, BeanProvider<FileHolder> holders, StartupTaskRepository tasks) {
        this.tx = tx;
        this.tasks = tasks;
        this.holders = holders;
    }

    /** Called at start-up once the schema sync has made every form's columns. */
    public void run() {
        boolean done = tx.write(c -> {
            if (tasks.findByTaskForUpdate(TASK).isEmpty()) {
                return false;
            }
            for (FileHolder holder : holders.stream().toList()) {
                holder.linkExisting(c);
            }
            tasks.deleteByTask(TASK);
            return true;
        });
        if (done) {
            LOG.info("Linked the files uploaded before this version to the records and flows that hold them");
        }
    }
}
