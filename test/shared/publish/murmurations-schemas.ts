/**
 * The Murmurations schemas our profiles target, restated in test/fixtures/murmurations (each file
 * cites the Library file and commit it restates), checked with ajv as the index checks with
 * gojsonschema: a profile must pass the default schema and every schema it links.
 */
import Ajv, { type ErrorObject } from 'ajv';
import defaultSchema from '../../fixtures/murmurations/default-v2.1.0.json';
import organizationsSchema from '../../fixtures/murmurations/organizations_schema-v1.0.0.json';

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = {
  'default-v2.1.0': ajv.compile(defaultSchema),
  'organizations_schema-v1.0.0': ajv.compile(organizationsSchema),
};

/** Every property either schema defines: a profile of ours uses no other key. */
export const KNOWN_PROPERTIES = new Set([...Object.keys(defaultSchema.properties), ...Object.keys(organizationsSchema.properties)]);

/** Problems as `schema: /pointer message`; empty when the profile is valid. */
export function schemaProblems(profile: unknown): string[] {
  const linked = (profile as { linked_schemas?: unknown }).linked_schemas;
  const names = ['default-v2.1.0', ...(Array.isArray(linked) ? linked.map(String) : [])];
  return names.flatMap((name) => {
    const validate = validators[name as keyof typeof validators];
    if (!validate) return [`${name}: not a schema these tests know`];
    if (validate(profile)) return [];
    return (validate.errors ?? []).map((error: ErrorObject) => `${name}: ${error.instancePath || '/'} ${error.message ?? ''}`);
  });
}
