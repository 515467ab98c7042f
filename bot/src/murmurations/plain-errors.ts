/**
 * The index's errors in a coordinator's words. Titles and details are the index's own
 * (MurmurationsServices pkg/profile/profilevalidator/profilevalidator.go parseValidateError,
 * services/validation/internal/service/validation.go, internal/controller/rest/node_handler.go);
 * an error we do not recognize is passed on as the index wrote it.
 */
import type { IndexError } from './index-client';

const fieldOf = (error: IndexError): string => (error.source?.pointer ?? '').replace(/^\//, '').replace(/\//g, '.');
const schemaOf = (error: IndexError): string => / - Schema: (\S+)/.exec(error.detail ?? '')?.[1] ?? '';

export function plainIndexError(error: IndexError): string {
  const field = fieldOf(error);
  const schema = schemaOf(error);
  const under = schema ? ` (schema ${schema})` : '';
  const the = field ? `"${field}"` : 'the profile';
  switch (error.title) {
    case 'Pattern Mismatch':
      return field.endsWith('url') || field.includes('url')
        ? `${the} must be a web address starting with https:// or http://${under}`
        : `${the} is not written the way the schema requires${under}`;
    case 'Missing Required Property': {
      const missing = /`([^`]+)`/.exec(error.detail ?? '')?.[1] ?? field;
      return `the profile has no "${missing}", which is required${under}`;
    }
    case 'Invalid Type': {
      const types = /Expected: (\S+) - Given: (\S+)/.exec(error.detail ?? '');
      return `${the} should be ${types ? `a ${types[1]}, not a ${types[2]}` : 'of another type'}${under}`;
    }
    case 'Invalid Length':
      return `${the} is too long or too short${under}: ${(error.detail ?? '').replace(/ - Schema: \S+/, '').replace('Amount', 'length')}`;
    case 'Invalid Amount':
      return `${the} is out of range${under}: ${(error.detail ?? '').replace(/ - Schema: \S+/, '')}`;
    case 'Invalid Value':
      return `${the} is not one of the values the schema allows${under}`;
    case 'Duplicate Value':
      return `${the} lists the same value twice${under}`;
    case 'Not Enough Items':
    case 'Too Many Items':
      return `${the} has ${error.title === 'Too Many Items' ? 'too many' : 'too few'} entries${under}`;
    case 'Profile Not Found':
      return 'the index could not download the profile, or it was not JSON: is public/ published at the base URL?';
    case 'Error loading schema':
      return `the index could not load a schema the profile names in linked_schemas: ${error.detail ?? ''}`;
    case 'Invalid Profile URL':
      return 'the index refuses the profile URL (it must be http(s) with a host name containing a dot)';
    case 'Profile Still Exists':
      return 'the profile URL still serves the profile, so the index will not delete it: publish public/ to the web first';
    default:
      return [error.title, error.detail].filter(Boolean).join(': ') || `HTTP ${error.status ?? '?'} without an explanation`;
  }
}
