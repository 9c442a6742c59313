/**
 * Chinese administrative names come with or without their unit suffix ("石门村", "石门村委会",
 * "石门"): names are compared after stripping one trailing suffix. Longest suffixes first, so
 * "村民委员会" is not read as "村民委员" + "会".
 */
export const PLACE_NAME_SUFFIXES = ['村民委员会', '居民委员会', '村委会', '居委会', '街道办事处', '街道', '社区', '村', '镇', '乡'] as const;

/** The PostgreSQL regular expression that strips one suffix (used inside SQL so indexes on name stay usable later). */
export const PLACE_NAME_SUFFIX_PATTERN = `(${PLACE_NAME_SUFFIXES.join('|')})$`;

export function stripPlaceNameSuffix(name: string): string {
  const trimmed = name.trim();
  for (const suffix of PLACE_NAME_SUFFIXES) {
    if (trimmed.length > suffix.length && trimmed.endsWith(suffix)) return trimmed.slice(0, -suffix.length);
  }
  return trimmed;
}
