/**
 * Scopes index a version under each of its countries and under each pair of them, so a timeline
 * filtered by a dyad reads exactly the dyad's entries in order instead of walking one country's
 * entries and discarding those without the other. Keys: `USA` for a country, `CUB+USA` for a pair
 * (sorted, so order does not matter). A version of n countries (at most 12) has n + n(n-1)/2 keys.
 */
export function countryScope(country: string): string {
  return country;
}

export function pairScope(a: string, b: string): string {
  return a < b ? `${a}+${b}` : `${b}+${a}`;
}

/** Every scope a version with these countries is indexed under. */
export function scopesOf(countries: readonly string[]): string[] {
  const unique = [...new Set(countries)];
  const scopes = unique.map(countryScope);
  for (let i = 0; i < unique.length; i++) {
    for (let j = i + 1; j < unique.length; j++) scopes.push(pairScope(unique[i], unique[j]));
  }
  return scopes;
}

/**
 * The scopes a filter on these countries could be driven by, with the countries each one covers:
 * every pair when two or more are asked for (a pair is never more frequent than its countries),
 * else the one country.
 */
export function candidateScopes(
  countries: readonly string[],
): { scope: string; covers: string[] }[] {
  const unique = [...new Set(countries)];
  if (unique.length === 1) return [{ scope: countryScope(unique[0]), covers: unique }];
  const candidates: { scope: string; covers: string[] }[] = [];
  for (let i = 0; i < unique.length; i++) {
    for (let j = i + 1; j < unique.length; j++) {
      candidates.push({ scope: pairScope(unique[i], unique[j]), covers: [unique[i], unique[j]] });
    }
  }
  return candidates;
}
