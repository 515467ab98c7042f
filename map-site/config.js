// Site settings: edit this file after building (it is copied to dist/ as is).
window.DCC_MAP_CONFIG = {
  // The bot's map format (master.map.json; the site falls back to master.geojson beside it when that is
  // missing), GeoJSON or CSV, relative to index.html or absolute. A Google Sheets "publish to web" CSV link works.
  dataUrl: 'data/master.map.json',
  // Heading; leave out to use the title inside the data file.
  // title: 'Cooperatives near you',
  // Initial view; leave out to fit the map to the listings.
  // center: [41.88, -87.63], zoom: 10,
  tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  tileAttribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
  maxZoom: 18,
  // dataUseNote: 'Listings come from our members. Credit the sources below when you reuse them.',
  // Data files longer than this many characters (about bytes) are parsed in a background worker (default 8 MiB, ~100k listings).
  // workerAbove: 8388608,
};
