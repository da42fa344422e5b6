/** Tabular disclosures: table templates, data tables with import and validation, masking of personal data, scanning and rendering. */
package org.gongkai.tables;
