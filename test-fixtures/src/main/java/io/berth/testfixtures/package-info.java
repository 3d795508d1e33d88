/** What tests share: fixture images, a registry launcher, leak checks. */
package io.berth.testfixtures;
