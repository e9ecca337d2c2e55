/**
 * Fills an empty embedded database with the demo organisation and records declared in
 * {@code metadata/demo/}, through the same record service as every other write, so demo data
 * obeys every rule of its forms. Also creates the first administrator when there is no demo.
 */
package dev.formation.demo;
