/** E-mail notifications to MSP administrators. */
package io.rotabot.notify;
