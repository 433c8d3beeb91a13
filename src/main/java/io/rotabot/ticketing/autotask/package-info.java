/** Autotask PSA, through the client generated from openapi/autotask-rest.yaml. */
package io.rotabot.ticketing.autotask;
