package dev.securerestapi.app.subscribers;

import dev.securerestapi.app.problem.Conflict;

/** Another subscriber has this email address, ignoring case. Never carries the address itself. */
public class DuplicateEmail extends Conflict {

    public DuplicateEmail() {
        super("A subscriber with this email address already exists.");
    }
}
