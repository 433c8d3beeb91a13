package io.rotabot.rotation;

/**
 * Published when a rotation reaches a final status.
 *
 * @param rotationId the rotation
 * @param organizationKey the organization
 * @param accountName the account's logon name
 * @param status the final status
 * @param reason the status in words
 */
public record RotationFinished(String rotationId, String organizationKey, String accountName, RotationStatus status,
                               String reason) {
}
