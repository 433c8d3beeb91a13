/** Entra ID and Microsoft 365 tenants through Microsoft Graph (SDK v6) and azure-identity. */
package io.rotabot.directory.entra;
