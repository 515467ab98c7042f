/**
 * Where a CiviCRM site answers API v4. The documented end-points (docs.civicrm.org/dev/en/latest/api/v4/rest,
 * "End-Point URL") differ by CMS:
 *   Drupal, Backdrop, Standalone  https://example.org/civicrm/ajax/api4/{Entity}/{action}
 *   WordPress                     https://example.org/wp-admin/admin.php?page=CiviCRM&q=civicrm/ajax/api4/{Entity}/{action}
 *   Joomla                        https://example.org/administrator/index.php?option=com_civicrm&task=civicrm/ajax/api4/{Entity}/{action}
 * A registry `location` that already is one of these is used as given; a bare base URL gets all
 * three to try, in that order.
 */
import { DccError } from '../errors';

export interface Api4Route {
  /** Short name, kept between runs so the next run tries the right one first. */
  readonly label: 'path' | 'wordpress' | 'joomla';
  url(entity: string, action: string): string;
  /** A CiviCRM page (e.g. `civicrm/contact/view` with `reset=1&cid=5`) on the same CMS. */
  page(path: string, query: string): string;
}

const API4 = 'civicrm/ajax/api4';

function pathRoute(base: string): Api4Route {
  return {
    label: 'path',
    url: (entity, action) => `${base}/${API4}/${encodeURIComponent(entity)}/${encodeURIComponent(action)}`,
    page: (path, query) => `${base}/${path}?${query}`,
  };
}

function wordpressRoute(base: string): Api4Route {
  const admin = `${base}/wp-admin/admin.php?page=CiviCRM&q=`;
  return {
    label: 'wordpress',
    url: (entity, action) => `${admin}${API4}/${encodeURIComponent(entity)}/${encodeURIComponent(action)}`,
    page: (path, query) => `${admin}${path}&${query}`,
  };
}

function joomlaRoute(base: string): Api4Route {
  const admin = `${base}/administrator/index.php?option=com_civicrm&task=`;
  return {
    label: 'joomla',
    url: (entity, action) => `${admin}${API4}/${encodeURIComponent(entity)}/${encodeURIComponent(action)}`,
    page: (path, query) => `${admin}${path}&${query}`,
  };
}

const trim = (path: string): string => path.replace(/\/+$/, '');

/** The routes to try for a registry location, most likely first. */
export function routeCandidates(location: string): Api4Route[] {
  let url: URL;
  try {
    url = new URL(location.trim());
  } catch {
    throw new DccError(`CiviCRM location "${location}" is not a URL: give the site's address, e.g. https://crm.example.org`, 'dcc_source');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DccError(`CiviCRM location "${location}" must start with https://`, 'dcc_source');
  }
  const origin = url.origin;
  const path = url.pathname;
  if (/\/wp-admin\/admin\.php$/.test(path) && url.searchParams.get('page') === 'CiviCRM') {
    return [wordpressRoute(origin + path.replace(/\/wp-admin\/admin\.php$/, ''))];
  }
  if (/\/administrator\/index\.php$/.test(path) && url.searchParams.get('option') === 'com_civicrm') {
    return [joomlaRoute(origin + path.replace(/\/administrator\/index\.php$/, ''))];
  }
  const at = path.indexOf(`/${API4}`);
  if (at >= 0) return [pathRoute(origin + path.slice(0, at))];
  const base = origin + trim(path);
  return [pathRoute(base), wordpressRoute(base), joomlaRoute(base)];
}
