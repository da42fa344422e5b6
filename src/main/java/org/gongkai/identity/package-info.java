/** Departments, staff accounts, roles with separation of duties, login, password policy and lockout. */
package org.gongkai.identity;
