import type { Pseudonym } from '../ports/personal-data-store';

/**
 * The pseudonym of a person from a keyed hash of their Entra id (hex): "Personne 7f3a" on cards,
 * and an id and an address long enough that two people never share them.
 */
export function toPseudonym(digestHex: string): Pseudonym {
  const hex = digestHex.toLowerCase().replace(/[^0-9a-f]/g, '');
  if (hex.length < 16) throw new Error('a pseudonym needs at least 16 hex digits');
  return {
    aadId: `pseudonym-${hex.slice(0, 16)}`,
    name: `Personne ${hex.slice(0, 4)}`,
    email: `personne-${hex.slice(0, 16)}@pseudonyme.invalid`,
  };
}
