/**
 * SIMULATION ONLY: the account's incoming phone numbers (Twilio's IncomingPhoneNumber resource):
 * where the emulator sends the webhook and status callbacks of the inbound calls it places.
 */
package dev.parley.emulator.number;
