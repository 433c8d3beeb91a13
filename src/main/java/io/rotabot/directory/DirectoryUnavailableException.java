package io.rotabot.directory;

import io.rotabot.VendorText;

/**
 * The directory could not be reached, gave no answer in time or would not let the bind account in: it gave no
 * verdict, so the caller may retry. A change it was asked for may or may not have happened when no answer
 * came. The message is a diagnosis a technician can act on, cleaned ({@link VendorText}) since it quotes the
 * directory.
 */
public class DirectoryUnavailableException extends RuntimeException {

    public DirectoryUnavailableException(String diagnosis, Throwable cause) {
        super(VendorText.clean(diagnosis), cause);
    }
}
