package io.rotabot.vault;

/** The vault did not answer, throttled us past our retries, or refused our API key: try again later. */
public class VaultUnavailableException extends RuntimeException {

    public VaultUnavailableException(String diagnosis, Throwable cause) {
        super(diagnosis, cause);
    }
}
