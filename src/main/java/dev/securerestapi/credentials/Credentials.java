package dev.securerestapi.credentials;

/**
 * What the login core does with credentials beside deciding logins: a user's own password change
 * and access tokens. The container's adapter puts the deployment's in the servlet context as
 * {@link #ATTRIBUTE}; the application finds it there and depends on nothing of the core.
 */
public interface Credentials extends PasswordChanges, AccessTokens {

    /** The servlet context attribute that holds the deployment's credentials. */
    String ATTRIBUTE = Credentials.class.getName();
}
