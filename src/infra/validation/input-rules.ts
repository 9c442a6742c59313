/**
 * Formats that more than one module's input must follow (network import and DTOs, fleet DTOs), kept
 * here so that a module checking a reference to another module's data need not import that module.
 */

/** An operator-chosen code of a node, vehicle or similar: letters, digits, `_`, `.`, `-`. */
export const NODE_CODE = /^[A-Za-z0-9_.-]+$/;
/** The 12-digit statistical division code (统计用区划代码). */
export const ADMIN_CODE = /^\d{12}$/;
/** The largest value an `integer` column holds. */
export const MAX_INT32 = 2_147_483_647;
