/**
 * The user's language: which locale a request speaks (zh-CN by default, English too) and the
 * platform's own texts in each. Labels of forms and fields come from metadata instead.
 */
package dev.formation.i18n;
