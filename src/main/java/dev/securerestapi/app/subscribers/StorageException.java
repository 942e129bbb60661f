package dev.securerestapi.app.subscribers;

/** A database failure, described without any value the statement carried. */
class StorageException extends RuntimeException {

    StorageException(String operation, String sqlState, int vendorCode) {
        super("storage failed to " + operation + ": SQL state " + sqlState + ", vendor code " + vendorCode);
    }
}
