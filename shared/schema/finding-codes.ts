/**
 * Every code a `Finding` can carry. Programs (the add-on's one-click fixes, `--format json`
 * readers, tests) key on these, so a new finding adds its code here and the compiler finds every
 * place that must know about it; messages may change, codes do not.
 */
import type { FieldKey } from './fields';
import type { VocabularyName } from './vocabularies';

type Axis = 'latitude' | 'longitude';

export type FindingCode =
  // the sheet's columns (read/headers.ts)
  | 'column_duplicate' | 'column_unknown' | 'override_unknown_field' | 'required_column_missing' | 'recommended_column_missing'
  // a row as a whole
  | 'row_junk' | 'source_id_duplicate' | 'not_on_map' | 'address_one_line' | 'private_text_unclosed'
  // the name
  | 'name_missing' | 'name_junk' | 'name_private' | 'name_too_short'
  // one value each (normalize/)
  | 'boolean_format' | 'boolean_invalid'
  | 'count_format' | 'count_invalid' | 'count_negative' | 'worker_owners_exceed_workers'
  | 'country_format' | 'country_unknown' | 'state_format' | 'state_unknown'
  | 'email_invalid' | 'phone_invalid' | 'phone_no_area_code' | 'url_invalid' | 'url_scheme'
  | 'language_unknown' | 'languages_format' | 'status_format' | 'status_invalid'
  | 'year_format' | 'year_invalid' | 'year_out_of_range'
  | 'zip_format' | 'zip_invalid' | 'zip_leading_zero'
  | 'coordinates_swapped' | `${Axis}_invalid` | `${Axis}_out_of_range` | `${Axis}_format`
  | `${VocabularyName}_format` | `${VocabularyName}_unknown`
  | `${FieldKey}_missing` | `${FieldKey}_too_long`;
