/**
 * Who owns records and how they change hands on purpose: a transfer to another person with a
 * reason, the receiver told; every change of owner, whatever made it, is kept in the owner
 * history ({@code record.OwnerHistory}).
 */
package dev.formation.ownership;
