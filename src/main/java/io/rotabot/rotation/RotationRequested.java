package io.rotabot.rotation;

/**
 * Published to have a rotation run as its own process (the workflow starts it), in the publisher's
 * transaction: a bulk request starts all of its rotations or none.
 *
 * @param request the rotation to run
 */
public record RotationRequested(RotationRequest request) {
}
