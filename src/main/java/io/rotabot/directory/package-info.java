/** Customer directories (Active Directory, later Entra ID): find accounts, set and verify passwords. */
package io.rotabot.directory;
