/** The details of one listing, as DOM built from text nodes: used by map popups. */
import { el, safeHref } from '../dom';
import { displayName, splitValues, type Listing, type SourceInfo } from '../data/listing';

function row(label: string, value: Node | string | undefined): HTMLElement | null {
  if (value === undefined || value === '') return null;
  return el('div', { class: 'dcc-popup-row' }, el('dt', {}, label), el('dd', {}, value));
}

export function addressOf(listing: Listing): string {
  const p = listing.properties;
  const place = [p.city, [p.state, p.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [p.street, p.street2, place, p.country].filter(Boolean).join(', ');
}

function website(value: string | undefined): Node | string | undefined {
  const href = safeHref(value);
  if (!href) return value;
  return el('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow' }, value ?? href);
}

function sourcesOf(listing: Listing, sources: ReadonlyMap<string, SourceInfo>): HTMLElement | undefined {
  const keys = splitValues(listing.properties.sources);
  if (keys.length === 0) return undefined;
  const list = el('ul', { class: 'dcc-popup-sources' });
  for (const key of keys) {
    const source = sources.get(key);
    const credit = source ? [source.name, source.attribution, source.license].filter(Boolean).join(' — ') : key;
    list.appendChild(el('li', {}, credit));
  }
  return list;
}

export function buildPopup(listing: Listing, sources: ReadonlyMap<string, SourceInfo>): HTMLElement {
  const p = listing.properties;
  const details = el('dl', {},
    row('Type', splitValues(p.org_type).join(', ')),
    row('Sector', splitValues(p.sector).join(', ')),
    row('Address', addressOf(listing)),
    row('Website', website(p.website)),
    row('Phone', p.phone),
    row('Email', p.email),
    row('Status', p.status && p.status !== 'active' ? p.status : undefined),
    row('Sources', sourcesOf(listing, sources)));
  return el('article', { class: 'dcc-popup', 'data-listing': String(listing.index) },
    el('h2', { class: 'dcc-popup-name' }, displayName(listing)),
    p.description ? el('p', { class: 'dcc-popup-description' }, p.description) : null,
    details);
}
