/** Demo profile only: an in-process LDAPS directory and stateful fakes of Autotask, IT Glue and Graph. */
package io.rotabot.sandbox;
