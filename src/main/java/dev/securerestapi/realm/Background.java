package dev.securerestapi.realm;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The login side's work off the requests' way (reading users and tokens, writing token uses): each on a daemon thread of its own. */
public final class Background {

    private Background() {
    }

    /** A daemon thread named {@code name}, for work scheduled now and then; shut it down when its owner closes. */
    public static ScheduledExecutorService thread(String name) {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
