package io.rotabot.directory;

/**
 * The directory could not be reached or would not let the bind account in: nothing was decided, so
 * the caller may retry. The message is a diagnosis a technician can act on.
 */
public class DirectoryUnavailableException extends RuntimeException {

    public DirectoryUnavailableException(String diagnosis, Throwable cause) {
        super(diagnosis, cause);
    }
}
