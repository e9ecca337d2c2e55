package dev.formation.security;

import jakarta.inject.Singleton;
import org.mindrot.jbcrypt.BCrypt;

/** bcrypt, cost 10: adaptive, salted, and slow enough to make stolen hashes expensive. */
@Singleton
public class PasswordHasher {

    private static final int COST = 10;
    /** Compared against when the user does not exist, so timing does not reveal which usernames do. */
    private static final String DUMMY = BCrypt.hashpw("not-a-password", BCrypt.gensalt(COST));

    public String hash(String password) {
        return BCrypt.hashpw(password, BCrypt.gensalt(COST));
    }

    public boolean matches(String password, String hash) {
        return hash != null && BCrypt.checkpw(password, hash);
    }

    public void burnTime(String password) {
        BCrypt.checkpw(password, DUMMY);
    }
}
