/**
 * SIMULATION ONLY: the fictional people and machines behind the simulated numbers +1 NPA 555
 * 0100..0199, each with its lines, answer behaviour and timing.
 */
package dev.parley.simulation.persona;
