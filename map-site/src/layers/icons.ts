/**
 * Marker looks by organization type. Colour alone fails colour-blind visitors, so each type also
 * carries a one- or two-letter glyph; the legend shows both.
 */
import L from 'leaflet';
import { VOCABULARIES } from '../../../shared/schema';
import { el, formatCount } from '../dom';
import { splitValues, type Listing } from '../data/listing';

export interface TypeStyle {
  readonly key: string;
  readonly label: string;
  readonly color: string;
  readonly glyph: string;
}

const LOOKS: { readonly [termKey: string]: readonly [color: string, glyph: string] } = {
  worker_cooperative: ['#c2410c', 'W'],
  consumer_cooperative: ['#15803d', 'C'],
  producer_cooperative: ['#a16207', 'P'],
  housing_cooperative: ['#1d4ed8', 'H'],
  multi_stakeholder_cooperative: ['#7e22ce', 'M'],
  purchasing_cooperative: ['#0e7490', 'S'],
  credit_union: ['#0f766e', 'CU'],
  community_land_trust: ['#4d7c0f', 'LT'],
  esop: ['#b91c1c', 'E'],
  mutual_aid: ['#be185d', 'MA'],
  cdfi: ['#1e40af', 'F'],
  nonprofit: ['#475569', 'N'],
  social_enterprise: ['#9333ea', 'SE'],
  collective: ['#ea580c', 'Co'],
  land_housing_trust: ['#3f6212', 'T'],
  union: ['#991b1b', 'U'],
  other: ['#52525b', '•'],
};

export const TYPE_STYLES: readonly TypeStyle[] = VOCABULARIES.org_type.terms.map((term) => {
  const [color, glyph] = LOOKS[term.key] ?? ['#52525b', '•'];
  return { key: term.key, label: term.label, color, glyph };
});

const UNKNOWN: TypeStyle = { key: 'unknown', label: 'type not given', color: '#71717a', glyph: '?' };
const BY_LABEL = new Map(TYPE_STYLES.map((style) => [style.label.toLowerCase(), style]));

/** Looks by raw org_type cell: a network repeats a handful of them across 50k listings. */
const STYLE_OF_CELL = new Map<string, TypeStyle>();

/** A listing's look is its first listed type, the one its owners put first. */
export function typeStyleOf(listing: Listing): TypeStyle {
  return typeStyleOfCell(listing.properties.org_type ?? '');
}

/** The look for an org_type cell as published ("worker cooperative; housing cooperative"). */
export function typeStyleOfCell(cell: string): TypeStyle {
  let style = STYLE_OF_CELL.get(cell);
  if (!style) {
    const first = splitValues(cell)[0];
    style = (first && BY_LABEL.get(first.toLowerCase())) || (first ? TYPE_STYLES[TYPE_STYLES.length - 1] ?? UNKNOWN : UNKNOWN);
    // Bounded: a file with a distinct type in every row should not grow the cache without end.
    if (STYLE_OF_CELL.size < 10_000) STYLE_OF_CELL.set(cell, style);
  }
  return style;
}

export function swatch(style: TypeStyle): HTMLElement {
  const node = el('span', { class: 'dcc-pin', 'aria-hidden': 'true' }, style.glyph);
  node.style.setProperty('--pin', style.color);
  return node;
}

export function listingIcon(listing: Listing): L.DivIcon {
  const style = typeStyleOf(listing);
  return L.divIcon({ html: swatch(style), className: `dcc-marker dcc-type-${style.key}`, iconSize: [26, 26], iconAnchor: [13, 13], popupAnchor: [0, -12] });
}

export function clusterIcon(count: number): L.DivIcon {
  const size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 44 : 52;
  const tier = count < 10 ? 'small' : count < 1000 ? 'medium' : 'large';
  return L.divIcon({
    html: el('span', { class: 'dcc-cluster-count' }, formatCount(count)),
    className: `dcc-cluster dcc-cluster-${tier}`, iconSize: [size, size],
  });
}
