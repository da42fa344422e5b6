/**
 * The demo data (profile {@code demo}): departments and accounts, disclosure matters, data tables with synthetic people, QR
 * codes, items walked through the workflow, requests and the annual report. The top module: it depends on every feature and
 * nothing depends on it; a seeder uses the features' public API (e.g. {@code IdentitySeeding}, {@code TableSeeding},
 * {@code EditionWorkflow.at(Clock)}). Every seeder is idempotent (DemoDataRestartTests); their {@code @Order} is their sequence.
 */
@ApplicationModule(displayName = "Demo data")
package org.gongkai.demo;

import org.springframework.modulith.ApplicationModule;
