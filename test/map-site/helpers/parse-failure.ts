import { DataError, parseData } from '../../../map-site/src/data/parse';

/** The DataError that parsing this text must raise (fails the test when it parses, or throws something else). */
export function failure(text: string): DataError {
  try {
    parseData(text);
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error('expected a DataError');
}
