package dev.securerestapi.jetty;

import dev.securerestapi.settings.Settings;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.util.resource.Resource;

/** The user store WEB-INF/jetty-ee11-web.xml gives the realm, by {@code secure-rest-api.users.store}. */
public final class Realms {

    private Realms() {}

    /** @param realmFile the realm file, read only when the store is {@code file} */
    public static UserStore userStore(Resource realmFile) {
        if (Settings.current().usersStore() == Settings.UsersStore.DATABASE) {
            return new DatabaseUserStore();
        }
        StrongPropertyUserStore file = new StrongPropertyUserStore();
        file.setConfig(realmFile);
        file.setReloadInterval(2); // edits to the file take effect within seconds, without a restart
        return file;
    }
}
