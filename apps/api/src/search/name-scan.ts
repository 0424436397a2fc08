/**
 * The characters a name holds, as 64 bits (two 32-bit halves): one per letter, digit and `._-/`,
 * the rest hashed into the others. A name can contain a term only if it has every bit the term
 * has, which two ANDs tell: most names are passed over without a string search.
 */
function bitOf(code: number): number {
  if (code >= 97 && code <= 122) return code - 97; // a-z: 0-25
  if (code >= 48 && code <= 57) return code - 22; // 0-9: 26-35
  const punctuation = '._-/'.indexOf(String.fromCharCode(code));
  return punctuation >= 0 ? 36 + punctuation : 40 + (code % 24);
}

function maskInto(text: string, masks: Int32Array, at: number): void {
  let low = 0;
  let high = 0;
  for (let i = 0; i < text.length; i++) {
    const bit = bitOf(text.charCodeAt(i));
    if (bit < 32) low |= 1 << bit;
    else high |= 1 << (bit - 32);
  }
  masks[at] = low;
  masks[at + 1] = high;
}

/** The repositories with their names' masks, side by side. */
export interface NameScan<T extends { readonly name: string }> {
  readonly repositories: readonly T[];
  /** Two per repository: the low and the high half of its name's mask. */
  readonly masks: Int32Array;
}

export function nameScanOf<T extends { readonly name: string }>(repositories: readonly T[]): NameScan<T> {
  const masks = new Int32Array(repositories.length * 2);
  repositories.forEach((r, i) => maskInto(r.name, masks, i * 2));
  return { repositories, masks };
}

/** The repositories whose name contains `term`. */
export function containing<T extends { readonly name: string }>(
  { repositories, masks }: NameScan<T>,
  term: string,
): T[] {
  const wanted = new Int32Array(2);
  maskInto(term, wanted, 0);
  const low = wanted[0]!;
  const high = wanted[1]!;
  const found: T[] = [];
  for (let i = 0; i < repositories.length; i++) {
    if ((masks[i * 2]! & low) === low && (masks[i * 2 + 1]! & high) === high && repositories[i]!.name.includes(term)) {
      found.push(repositories[i]!);
    }
  }
  return found;
}
