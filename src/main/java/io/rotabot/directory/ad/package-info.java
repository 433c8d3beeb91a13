/** Active Directory over LDAPS with the UnboundID SDK. */
package io.rotabot.directory.ad;
