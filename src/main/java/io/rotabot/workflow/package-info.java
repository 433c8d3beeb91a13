/** Camunda glue: deployment of bpmn/, process start and the thin delegates of the service tasks. */
package io.rotabot.workflow;
