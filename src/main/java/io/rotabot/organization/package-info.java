/** MSP customers: an organization ties an Autotask company to an IT Glue organization and a directory. */
package io.rotabot.organization;
