package dev.securerestapi.jetty;

import dev.securerestapi.realm.Pbkdf2;

/** A user store holding PBKDF2 entries only, which knows what an unknown name is checked against. */
interface StrongUsers {

    /** As slow as the slowest entry held ({@link Pbkdf2#unknownUser}). */
    Pbkdf2 unknownUser();
}
