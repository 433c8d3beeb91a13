/** IT Glue, through the client generated from openapi/itglue.yaml. */
package io.rotabot.vault.itglue;
