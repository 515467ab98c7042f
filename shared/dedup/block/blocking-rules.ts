/**
 * Stage 2, block: cheap keys that two records of the same organization are likely to share.
 * A pair is compared when it shares the key of at least one rule (Splink's
 * `blocking_rules_to_generate_predictions`); each rule misses different typos, so together they
 * miss few true pairs while comparing a tiny share of all pairs.
 */
import { nameWordsOf, type FeatureTable } from '../features/match-features';

export type BlockingRuleName =
  | 'name_fingerprint' | 'name_rare_words' | 'phone' | 'website_domain' | 'email' | 'postal_code_house_number'
  | 'city_house_number';

export interface BlockingRule {
  readonly name: BlockingRuleName;
  /**
   * Tighter cap than `DedupSettings.maxBlockSize` for rules whose keys are only hints: two names
   * sharing two rare words are worth comparing, a hundred of them are a family of names, and
   * such a block is skipped (the sorted neighbourhood on names already walks it).
   */
  readonly maxBlockSize?: number;
  /** Calls `emit` once per key of the node; a node with no key takes no part in this rule. */
  keys(table: FeatureTable, node: number, emit: (key: string) => void, context: BlockingContext): void;
}

export interface BlockingContext {
  /** Occurrences of each name word, so the rarest words of a name can be chosen. */
  readonly wordCounts: Int32Array;
}

const single = (name: BlockingRuleName, column: (table: FeatureTable) => { ids: Int32Array }): BlockingRule => ({
  name,
  keys(table, node, emit) {
    const id = column(table).ids[node] as number;
    if (id !== 0) emit(String(id));
  },
});

const RARE_WORDS = 3;

export const BLOCKING_RULES: { readonly [name in BlockingRuleName]: BlockingRule } = {
  // Same words in any order: "Farm Silver Pine" and "Silver Pine Farm".
  name_fingerprint: {
    name: 'name_fingerprint',
    keys(table, node, emit) {
      const tokens = nameWordsOf(table, node);
      if (tokens.length > 0) emit(Array.from(tokens).sort((a, b) => a - b).join(' '));
    },
  },
  // Every pair of the three rarest words: one typo breaks only the pairs containing it.
  name_rare_words: {
    name: 'name_rare_words',
    maxBlockSize: 10,
    keys(table, node, emit, { wordCounts }) {
      const tokens = Array.from(nameWordsOf(table, node));
      if (tokens.length < 2) return;
      tokens.sort((a, b) => (wordCounts[a] as number) - (wordCounts[b] as number) || a - b);
      const rare = tokens.slice(0, RARE_WORDS);
      for (let i = 0; i < rare.length; i++) {
        for (let j = i + 1; j < rare.length; j++) {
          const x = rare[i] as number;
          const y = rare[j] as number;
          emit(x < y ? `${x} ${y}` : `${y} ${x}`);
        }
      }
    },
  },
  phone: single('phone', (table) => table.phone7),
  website_domain: single('website_domain', (table) => table.domain),
  email: single('email', (table) => table.email),
  postal_code_house_number: {
    name: 'postal_code_house_number',
    keys(table, node, emit) {
      const postal = table.postalCode.ids[node] as number;
      const house = table.houseNumber.ids[node] as number;
      if (postal !== 0 && house !== 0) emit(`${postal} ${house}`);
    },
  },
  // Without a ZIP, the city is large: the street's first letters keep "12 Main" and "12 Oak" apart.
  city_house_number: {
    name: 'city_house_number',
    keys(table, node, emit) {
      const city = table.city.ids[node] as number;
      const house = table.houseNumber.ids[node] as number;
      if (city !== 0 && house !== 0 && table.streetName.ids[node] !== 0) {
        emit(`${city} ${house} ${table.streetName.text(node).slice(0, 2)}`);
      }
    },
  },
};

export const DEFAULT_BLOCKING_RULES: readonly BlockingRuleName[] = ['name_fingerprint', 'name_rare_words', 'phone',
  'website_domain', 'email', 'postal_code_house_number', 'city_house_number'];
