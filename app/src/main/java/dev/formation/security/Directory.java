package dev.formation.security;

import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Answers who and which departments exist, for user and department fields. */
@Singleton
public class Directory {

    private final UserRepository users;
    private final DepartmentRepository departments;

    public Directory(UserRepository users, DepartmentRepository departments) {
        this.users = users;
        this.departments = departments;
    }

    public Set<String> existingUsers(Collection<String> usernames) {
        Set<String> found = new HashSet<>();
        if (!usernames.isEmpty()) {
            users.findByUsernameIn(usernames).forEach(u -> found.add(u.username()));
        }
        return found;
    }

    public Set<String> existingDepartments(Collection<String> keys) {
        Set<String> found = new HashSet<>();
        if (!keys.isEmpty()) {
            departments.findByKeyIn(keys).forEach(d -> found.add(d.key()));
        }
        return found;
    }

    /** username → display name, for every user (small organisations; cached per request by callers). */
    public Map<String, String> userNames() {
        Map<String, String> out = new LinkedHashMap<>();
        users.findAllOrderByUsername().forEach(u -> out.put(u.username(), u.name()));
        return out;
    }

    /** username → display name, for the users who may log in (those a record may be handed to). */
    public Map<String, String> activeUserNames() {
        Map<String, String> out = new LinkedHashMap<>();
        users.findAllOrderByUsername().stream().filter(UserAccount::enabled).forEach(u -> out.put(u.username(), u.name()));
        return out;
    }

    public Map<String, String> departmentNames() {
        Map<String, String> out = new LinkedHashMap<>();
        departments.findAllOrderByName().forEach(d -> out.put(d.key(), d.name()));
        return out;
    }
}
