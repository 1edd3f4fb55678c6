/**
 * The receptionist: the dialog agent that answers a car-service centre's inbound calls (books,
 * moves and cancels service appointments against the centre's calendar, answers hours and prices,
 * takes messages), and the {@link dev.parley.agent.reception.ServiceDesk} port through which it
 * reads and changes the centre's calendar.
 */
package dev.parley.agent.reception;
