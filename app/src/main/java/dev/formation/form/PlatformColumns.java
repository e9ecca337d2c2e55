package dev.formation.form;

import java.util.List;
import java.util.Set;

/** The columns every form table has, whatever its fields. */
public final class PlatformColumns {

    public static final String ID = "id";
    public static final String CODE = "code";
    public static final String OWNER = "owner";
    public static final String STATUS = "status";
    public static final String CREATED_BY = "created_by";
    public static final String CREATED_AT = "created_at";
    public static final String UPDATED_BY = "updated_by";
    public static final String UPDATED_AT = "updated_at";
    public static final String VERSION = "version";
    public static final String DELETED_AT = "deleted_at";

    /** In the order records are presented. */
    public static final List<String> ALL = List.of(ID, CODE, OWNER, STATUS, CREATED_BY, CREATED_AT,
            UPDATED_BY, UPDATED_AT, VERSION);

    /** Names a field may not take (code, owner and status may be declared to label them). */
    public static final Set<String> RESERVED = Set.of(ID, CREATED_BY, CREATED_AT, UPDATED_BY, UPDATED_AT,
            VERSION, DELETED_AT, "record_id", "position", "tenant");

    private PlatformColumns() {
    }

    public static boolean isPlatform(String name) {
        return ALL.contains(name) || DELETED_AT.equals(name);
    }
}
