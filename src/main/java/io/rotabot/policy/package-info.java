/** Password policy and password generation. */
package io.rotabot.policy;
