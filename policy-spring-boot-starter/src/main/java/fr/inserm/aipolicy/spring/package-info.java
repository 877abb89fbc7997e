/**
 * Spring Boot auto-configuration for aipolicy: a {@link fr.inserm.aipolicy.PolicyEngine} bean, the
 * decision log, and with Actuator a health indicator and Micrometer meters.
 */
package fr.inserm.aipolicy.spring;
