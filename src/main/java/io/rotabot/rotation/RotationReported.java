package io.rotabot.rotation;

/**
 * Published when a rotation reaches a status people should hear about: a final one, or API Error
 * (an outage before the directory, retried) the first time it happens.
 *
 * @param rotationId the rotation
 * @param organizationKey the organization
 * @param accountName the account's logon name
 * @param status the status
 * @param reason the status in words
 */
public record RotationReported(String rotationId, String organizationKey, String accountName, RotationStatus status,
                               String reason) {
}
