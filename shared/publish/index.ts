/**
 * Publish: master rows → the public files (master.csv rows, master.geojson, master.json).
 * Pure builders only; whoever calls them writes the files.
 */
export { publicValues } from './privacy';
export { PUBLIC_CSV_COLUMNS, publicCsvRows, type PublishRow, type SourceCredit } from './rows';
export { coordinatesOf, toFeatureCollection, type DccFeatureCollection, type PointFeature } from './geojson';
export {
  isProfileId, MURMURATIONS_DIR, MURMURATIONS_INDEX, MURMURATIONS_SCHEMA, profileJson, toMurmurationsDirectory, toMurmurationsProfile,
  toMurmurationsProfiles, type MurmurationsDirectory, type MurmurationsDirectoryIndex, type MurmurationsProfile, type MurmurationsStatus,
  type ProfileOptions, type ProfileOptionsOf,
} from './murmurations';
export {
  MAP_DATA_FILE, MAP_DATA_FORMAT, MAP_DATA_VERSION, MAP_DETAILS_FILE, MAP_DETAILS_FORMAT, MAP_SUMMARY_KEYS, POSITION_UNIT,
  encodeColumn, toMapData, type MapColumn, type MapData, type MapDetails,
} from './map-data';
