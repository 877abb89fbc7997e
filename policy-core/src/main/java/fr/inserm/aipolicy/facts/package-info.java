/**
 * The facts the DRL rules produce. Not for callers of the engine: only rule files use this package.
 */
package fr.inserm.aipolicy.facts;
