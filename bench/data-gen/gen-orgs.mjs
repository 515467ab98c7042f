#!/usr/bin/env node
// Deterministic synthetic cooperative / solidarity-economy organization records, as aggregated from five
// member sources, with ground truth for benchmarking record deduplication. Node.js >= 20, no dependencies.
//   node gen-orgs.mjs --entities N --seed S --out DIR [--scale-only] [--hard v2]
// --hard v1 (the default) writes exactly what the first version wrote; --hard v2 adds the hard shapes of
// section "hard shapes, v2" below. Kept in this repository so that `npm run bench` works from a clean clone.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

// ------------------------------------------------------------------------------------------------ CLI
const USAGE = 'usage: node gen-orgs.mjs --entities N --seed S --out DIR [--scale-only] [--hard v1|v2]';
let args;
try {
  ({ values: args } = parseArgs({ options: { entities: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' },
    out: { type: 'string', default: 'orgs-data' }, 'scale-only': { type: 'boolean', default: false }, hard: { type: 'string', default: 'v1' }, help: { type: 'boolean', short: 'h' } } }));
} catch (err) { console.error(`${err.message}\n${USAGE}`); process.exit(2); }
if (args.help) { console.log(USAGE); process.exit(0); }
const opt = { entities: Number(args.entities), seed: args.seed, out: args.out, scaleOnly: args['scale-only'], hard: args.hard };
if (!['v1', 'v2'].includes(opt.hard) || !Number.isInteger(opt.entities) || opt.entities < 1 || opt.entities > 2 ** 26 || !opt.out) { console.error(USAGE); process.exit(2); }

// ----------------------------------------------------------------------------------------- randomness
// Each entity, membership and appearance has its own mulberry32 stream seeded by hash(seed, ids): any record
// can be regenerated on its own, so sources are written one at a time and output is byte-identical per flags.
let SEED = 0x811c9dc5; // FNV-1a of the --seed string
for (let i = 0; i < opt.seed.length; i++) SEED = Math.imul(SEED ^ opt.seed.charCodeAt(i), 0x01000193) >>> 0;
function h3(a, b, c) {
  let h = Math.imul(SEED ^ a, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b), 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 13) ^ Math.imul(c + 0x165667b1, 0x27d4eb2f), 0x85ebca6b);
  return (h ^ (h >>> 16)) >>> 0;
}
function rng(seed) { // mulberry32; returns () => float in [0, 1)
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (r, a) => a[(r() * a.length) | 0];
const int = (r, lo, hi) => lo + ((r() * (hi - lo + 1)) | 0);
const skewed = (r, a) => a[Math.floor(a.length * r() ** 1.3)]; // earlier entries are more common
const cum = ws => { let s = 0; return ws.map(w => (s += w)); };
const wpick = (r, c) => { const x = r() * c[c.length - 1]; let i = 0; while (i < c.length - 1 && c[i] <= x) i++; return i; };
const pad = (n, w) => String(n).padStart(w, '0');
const join = (a, b, sep) => (a && b ? a + sep + b : a || b);
const ord = n => n + (n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] || 'th');
const NON_ASCII = /[^\x00-\x7f]/;
const stripAccents = s => (NON_ASCII.test(s) ? s.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : s);
const memo = f => { const m = new Map(); return k => { let v = m.get(k); if (v === undefined) m.set(k, (v = f(k))); return v; }; };

// ----------------------------------------------------------------------------------------- vocabulary
// Name = [The] <place> [modifier] <domain> <form> [Inc.|LLC]. A place is a word (optionally with a suffix or
// prefix) or a fixed multi-word place ('_' = space): common words collide often, full names rarely.
const PLACES = `Riverside Unity Harvest Prairie Cedar Mission Lakeview Evergreen Solidarity Commonwealth Heartland Sunrise Liberty Harmony People's
Oak Maple Willow Birch Aspen Pine Elm Spruce Juniper Magnolia Cypress Sycamore Hickory Chestnut Walnut Laurel Hawthorn Alder Redwood Sequoia Sierra
Cascade Summit Meadow Orchard Harbor Bayview Seaside Northside Southside Eastside Westside Midtown Uptown Hillside Parkside Brookside Lakeside
Creekside Fairview Clearwater Stillwater Silverlake Goldenrod Sunflower Sunset Daybreak Dawn Horizon Frontier Pioneer Heritage Freedom Kinship Beacon
Lighthouse Compass Keystone Cornerstone Foundation Bedrock Granite Flint Cobblestone Ironwood Copper Emerald Amber Crimson Indigo Ivory Jade Coral
Marigold Dandelion Clover Thistle Fern Moss Ivy Lotus Lavender Sage Rosemary Thyme Basil Saffron Cinnamon Honeybee Bumblebee Hummingbird Cardinal
Bluebird Heron Crane Osprey Falcon Raven Sparrow Robin Wren Finch Swallow Kestrel Otter Beaver Bison Buffalo Elk Fox Badger Wolf Coyote Salmon
Sturgeon Monarch Firefly Acorn Seedling Sprout Root Branch Canopy Grove Thicket Woodland Timber Driftwood Riverbend Confluence Headwaters Watershed
Delta Estuary Bayou Marsh Tallgrass Sandhill Mesa Canyon Arroyo Highland Upland Piedmont Tidewater Blackstone Whitewater Greenway Greenfield Greenleaf
Greenwood Springfield Brookfield Fairfield Northfield Kingfisher Mayflower Morningstar Polaris Orion Hopewell Goodwill Gathering Kindred Threshold
Crossroads Junction Meridian Equinox Solstice Zenith Phoenix Ember Hearth Homestead Haven Sanctuary Refuge Oasis Cornucopia Bounty Abundance Plenty
Renaissance Revival Awakening Dignity Justice Equity Mutuality Reciprocity Grassroots Groundswell Wellspring Fountain Lantern Loom Spindle Anvil Forge
Kiln Quarry Plow Harrow Trowel Wheelhouse Creamery Granary Silo Cottonwood Sagebrush Bluestem Larkspur Columbine Primrose Foxglove Yarrow Chamomile
Elderberry Huckleberry Blackberry Persimmon Pawpaw Mulberry Quince Hazel Beech Linden Tamarack Bramble Heather Meadowlark Bobolink Killdeer Plover
Sandpiper Egret Pelican Loon Mallard Condor Eagle Hawk Owl Lynx Marten Muskrat Tortoise Salamander Dragonfly Cricket Ladybug Honeycomb Beehive
Wayfarer Pilgrim Voyager Almanac Ballad Chorus Anthem Tapestry Quilt Patchwork Mosaic Prism Spectrum Kaleidoscope Cadence Sojourner Peñasco`
  .split(/\s+/);
const COMPOUNDS = `Green_Valley Blue_Ridge Common_Ground Bread_&_Roses Rise_&_Shine Many_Hands Deep_Roots New_Leaf Open_Door Fair_Share High_Plains
Three_Rivers Seven_Hills Little_Village Red_Rock Round_Table Good_Earth Middle_Way Wild_Rose Golden_Gate East_Bay North_Star Lone_Star Silver_Creek
Turtle_Island Twin_Pines Mill_Creek Rocky_Mountain Great_Lakes Hudson_Valley Blue_Heron Black_Oak White_Pine Sweet_Water Prairie_Wind Morning_Glory
Fresh_Start Second_Chance Hand_in_Hand Heart_&_Hand Roots_&_Wings Seeds_of_Change Bright_Future Shared_Harvest Main_Street Union_Square San_José
Río_Vista Los_Álamos Montaña_Verde Sol_y_Luna`.split(/\s+/).map(w => w.replace(/_/g, ' '));
const PLACE_SUFFIX = `Hill Valley Creek Park Ridge Grove Springs Heights Hollow Point River Lake Falls Meadows Crossing Bend Field Commons Glen
Brook Woods Square Landing Bluff Station Pond Run Gap Trail Shore`.split(/\s+/);
const PLACE_PREFIX = 'North South East West Upper Lower Old New Little Big Green Blue Golden Silver Red High Twin Wild'.split(' ');
const MODS = ['Community', "People's", "Workers'", 'United', 'Neighborhood', 'Independent', 'Urban', 'Regional', 'Organic', 'Local',
  'Village', 'Family', "Women's", 'Youth'];
// word | sector ('*' = any) | legal structures (default Worker Cooperative) | form words (default Cooperative;Co-op;Collective);
// entries separated by newline or ' / '
const DOMAINS = `Food|Food & Agriculture|Consumer Cooperative|Co-op;Cooperative;Coop
Grocery|Retail|Consumer Cooperative|Co-op;Cooperative;Coop
Natural Foods|Retail|Consumer Cooperative|Co-op;Cooperative
Housing|Housing|Housing Cooperative;Nonprofit|Cooperative;Co-op;Association;Mutual
|Finance|Credit Union|Federal Credit Union;Credit Union;Community Credit Union
|Housing|Community Land Trust|Community Land Trust;Land Trust
Mutual Aid|*|Mutual Aid Network|Network;Collective;Association
Energy|Energy|Consumer Cooperative;Multi-stakeholder Cooperative|Cooperative;Co-op;Association
Farm|Food & Agriculture|Producer Cooperative|Cooperative;Co-op;Collective;Association
Growers|Food & Agriculture|Producer Cooperative|Cooperative;Association
Taxi|Transportation|Worker Cooperative;Producer Cooperative|Cooperative;Co-op;Association
Home Care|Care Work|Worker Cooperative;Multi-stakeholder Cooperative|Cooperative;Co-op;Associates
Learning|Education|Nonprofit;Multi-stakeholder Cooperative|Collective;Cooperative;Association
Media|Arts & Culture|Worker Cooperative;Multi-stakeholder Cooperative|Collective;Cooperative;Co-op
Arts|Arts & Culture|Worker Cooperative;Nonprofit|Collective;Cooperative / Café|Food & Agriculture||Collective;Cooperative;Co-op
Childcare|Care Work|Worker Cooperative;Multi-stakeholder Cooperative / Solar|Energy|Worker Cooperative;Multi-stakeholder Cooperative
Brewing|Manufacturing|Worker Cooperative;LLC / Print|Manufacturing|Worker Cooperative;LLC / Tech|Technology|Worker Cooperative;LLC
Construction|Manufacturing|Worker Cooperative;LLC / Bike|Transportation|Worker Cooperative;Nonprofit
Book|Retail|Worker Cooperative;Consumer Cooperative / Worker|* / Bakery|Food & Agriculture / Cleaning|Care Work`.split(/\n| \/ /).map(l => {
  const [word, sector, legal, forms] = l.split('|');
  return { word, sector, legal: (legal || 'Worker Cooperative').split(';'), forms: (forms || 'Cooperative;Co-op;Collective').split(';') };
});
const DOMAIN_INDEX = Object.fromEntries(DOMAINS.map((d, i) => [d.word, i]));
// Spanish-language names: Cooperativa|Colectivo [de <trade>] <name> [<qualifier>]; each trade maps to a domain above.
const ES_TRADES = [['', 'Worker'], ['Limpieza', 'Cleaning'], ['Panadería', 'Bakery'], ['Construcción', 'Construction'], ['Cuidado', 'Home Care'],
  ['Vivienda', 'Housing'], ['Agricultores', 'Farm'], ['Trabajo', 'Worker'], ['Costura', 'Worker'], ['Cuidado Infantil', 'Childcare'],
  ['Alimentos', 'Food']].map(([es, en]) => [es, DOMAIN_INDEX[en]]);
const ES_NAMES = ['La Mañana', 'La Esperanza', 'El Sol', 'Tierra Nueva', 'Mano a Mano', 'La Cosecha', 'Unión Obrera', 'El Corazón',
  'Sí Se Puede', 'Nuevo Amanecer', 'Luz y Fuerza', 'La Semilla', 'Raíces', 'Manos Unidas', 'El Jardín', 'La Montaña', 'Mujeres Unidas',
  'La Unión', 'Los Compañeros', 'La Colmena', 'Pan y Rosas', 'El Puente', 'Tejedoras Mayas', 'Árbol de Vida', 'Alegría', 'La Fe',
  'Guadalupe', 'El Progreso', 'La Victoria', 'Nueva Vida', 'El Futuro', 'Tonantzin', 'Maíz y Frijol', 'Brillante', 'La Paz'];
const ES_QUALIFIERS = ['del Norte', 'del Sur', 'del Barrio', 'del Valle', 'del Pueblo', 'de la Comunidad', 'Popular', 'Internacional',
  'de Mujeres', 'del Río', 'de la Frontera', 'Solidaria'];
const FORM_CLASSES = [['Cooperative', 'Co-op', 'Coop', 'Co-Op', 'Co-operative', 'Coop.'], ['Association', 'Assn.', 'Assoc.', 'Assn'],
  ['Federal Credit Union', 'FCU', 'Fed. Credit Union', 'Federal C.U.'], ['Credit Union', 'CU', 'C.U.'],
  ['Community Credit Union', 'Community CU', 'Comm. Credit Union'], ['Community Land Trust', 'CLT', 'Comm. Land Trust']];
const FORM_OF = new Map(FORM_CLASSES.flatMap(c => c.map(f => [f, c])));
const DROPPABLE = new Set([...FORM_CLASSES[0], ...FORM_CLASSES[1], 'Collective', 'Network', 'Associates']);
const SUFFIX_VARIANTS = { 'Inc.': ['Inc.', 'Inc', 'Incorporated', 'INC'], LLC: ['LLC', 'L.L.C.', 'llc'] };
const LEGAL = ['Worker Cooperative', 'Consumer Cooperative', 'Producer Cooperative', 'Housing Cooperative', 'Credit Union',
  'Multi-stakeholder Cooperative', 'Nonprofit', 'LLC', 'Community Land Trust', 'Mutual Aid Network'];
const SECTORS = ['Food & Agriculture', 'Housing', 'Finance', 'Retail', 'Manufacturing', 'Care Work', 'Energy', 'Technology',
  'Arts & Culture', 'Transportation', 'Education'];
const STREETS = `Main|Oak|Maple|Pine|Cedar|Elm|Walnut|Chestnut|Spruce|Locust|Poplar|Cherry|Willow|Dogwood|Magnolia|Hickory|Sycamore|Birch|Washington
|Lincoln|Jefferson|Madison|Monroe|Jackson|Adams|Franklin|Grant|Hamilton|Park|Lake|Hill|Church|Market|Broad|High|Water|Mill|Spring|Center
|Union|Bridge|River|Harbor|Commerce|Division|State|King|Queen|Prince|Kent|Dover|Halsted|Ashland|Western|Pulaski|Cicero|Kedzie|Damen|Racine
|Wabash|Michigan|Cottage Grove|Martin Luther King Jr|Cesar Chavez|Malcolm X|Harriet Tubman|Frederick Douglass|Mission|Valencia|Telegraph
|Shattuck|San Pablo|Hennepin|Lyndale|Nicollet|Grand|University|College|Academy|Euclid|Superior|Erie|Ontario|Huron|Cherokee|Seminole
|Sheridan|Devon|Howard|Fullerton|Belmont|Irving Park|Lawrence|Foster|Peterson|Roosevelt|Cermak|Archer|Ogden|Milwaukee|Elston|Clybourn
|Broadway|Columbus|Atlantic|Pacific|Fulton|Flatbush|Nostrand|Myrtle|Bedford|Marcy|Wythe|Greenwood|Fairmount|Girard|Baltimore|Germantown
|Frankford|Magazine|Tchoupitoulas|Burnside|Alberta|Hawthorne|Colfax|Federal|Santa Fe|Central|Alameda|Guadalupe|Congress|Peachtree
|Ponce de Leon|Auburn|Edgewood|Woodward|Gratiot|Cass|Lorain|Carnegie|Liberty|Penn|Forbes|Murray|Hudson|Delaware|Ohio|Indiana|Kentucky
|Virginia|Georgia|Carolina|Vermont|Dakota|Montana|Oregon|Aurora|Rainier|Beacon|Summit|Ridge|Highland|Prospect|Pleasant|Sunset|Forest
|Meadow|Garden|Orchard|Vine|Pearl|Canal|Front`.replace(/\n/g, '').split('|');
const TYPES = [['Street', 'St', 'St.'], ['Avenue', 'Ave', 'Ave.', 'Av'], ['Boulevard', 'Blvd', 'Blvd.'], ['Road', 'Rd', 'Rd.'],
  ['Drive', 'Dr', 'Dr.'], ['Lane', 'Ln', 'Ln.'], ['Place', 'Pl', 'Pl.'], ['Court', 'Ct', 'Ct.'], ['Way'], ['Parkway', 'Pkwy']];
const TYPE_CUM = cum([35, 25, 7, 8, 7, 5, 4, 3, 3, 3]);
const DIRS = [['N', 'North', 'N.'], ['S', 'South', 'S.'], ['E', 'East', 'E.'], ['W', 'West', 'W.']];
const UNIT_VARIANTS = { Suite: ['Suite', 'Ste', 'Ste.', '#', 'STE'], Apt: ['Apt', 'Apt.', '#', 'Unit'], Unit: ['Unit', '#'], '#': ['#', 'Unit', 'No.'] };
const EMAIL_USERS = ['info', 'info', 'hello', 'contact', 'office', 'admin', 'members', 'coop'];
const FIRST = `maria jose juan ana luis carmen james mary john patricia robert jennifer michael linda david susan aisha kwame mei wei
fatima omar priya sofia diego lucia ahmed keisha darnell latoya jamal`.split(/\s+/);
const LAST = `garcia martinez rodriguez lopez hernandez smith johnson williams brown jones miller davis wilson anderson thomas taylor
moore jackson white harris nguyen tran kim patel shah khan okafor mensah cohen rossi`.split(/\s+/);
const MAILHOSTS = ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'riseup.net', 'protonmail.com'];
const TLDS = ['.coop', '.coop', '.org', '.org', '.com', '.net'];
const STATES = Object.fromEntries(`IL Illinois|NY New York|CA California|WA Washington|OR Oregon|MN Minnesota|WI Wisconsin|MI Michigan
|OH Ohio|PA Pennsylvania|MA Massachusetts|RI Rhode Island|CT Connecticut|VT Vermont|ME Maine|NJ New Jersey|MD Maryland
|DC District of Columbia|VA Virginia|NC North Carolina|GA Georgia|MS Mississippi|LA Louisiana|TN Tennessee|KY Kentucky|TX Texas
|NM New Mexico|CO Colorado|UT Utah|AZ Arizona|MO Missouri|KS Kansas|NE Nebraska|IA Iowa|IN Indiana|HI Hawaii|AK Alaska`
  .replace(/\n/g, '').split('|').map(s => [s.slice(0, 2), s.slice(3)]));
// city | state | zip prefix | area code | lat | lng | weight | aliases ('/'-separated); records separated by ';' or newline
const CITIES = `Chicago|IL|606|312|41.88|-87.63|10|Chgo;New York|NY|100|212|40.71|-74.01|10|New York City/NYC;Brooklyn|NY|112|718|40.68|-73.94|6|
Bronx|NY|104|718|40.84|-73.86|3|The Bronx;Los Angeles|CA|900|213|34.05|-118.24|8|LA;Oakland|CA|946|510|37.80|-122.27|6|
Berkeley|CA|947|510|37.87|-122.27|3|;San Francisco|CA|941|415|37.77|-122.42|6|SF;San Diego|CA|921|619|32.72|-117.16|3|
Sacramento|CA|958|916|38.58|-121.49|2|;Davis|CA|956|530|38.54|-121.74|1|;Seattle|WA|981|206|47.61|-122.33|5|;Olympia|WA|985|360|47.04|-122.90|1|
Portland|OR|972|503|45.52|-122.68|5|;Eugene|OR|974|541|44.05|-123.09|2|;Minneapolis|MN|554|612|44.98|-93.27|5|Mpls
Saint Paul|MN|551|651|44.95|-93.09|3|St. Paul/St Paul;Madison|WI|537|608|43.07|-89.40|3|;Milwaukee|WI|532|414|43.04|-87.91|3|
Detroit|MI|482|313|42.33|-83.05|4|;Ann Arbor|MI|481|734|42.28|-83.74|2|;Cleveland|OH|441|216|41.50|-81.69|3|;Columbus|OH|432|614|39.96|-83.00|3|
Cincinnati|OH|452|513|39.10|-84.51|2|;Pittsburgh|PA|152|412|40.44|-80.00|3|;Philadelphia|PA|191|215|39.95|-75.17|5|Phila/Philly
Boston|MA|021|617|42.36|-71.06|5|;Cambridge|MA|021|617|42.37|-71.11|2|;Somerville|MA|021|617|42.39|-71.10|1|;Northampton|MA|010|413|42.33|-72.64|1|
Worcester|MA|016|508|42.26|-71.80|1|;Providence|RI|029|401|41.82|-71.41|2|;Hartford|CT|061|860|41.77|-72.67|1|;New Haven|CT|065|203|41.31|-72.93|2|
Burlington|VT|054|802|44.48|-73.21|2|;Portland|ME|041|207|43.66|-70.26|1|;Newark|NJ|071|973|40.74|-74.17|2|;Jersey City|NJ|073|201|40.72|-74.04|1|
Baltimore|MD|212|410|39.29|-76.61|3|;Washington|DC|200|202|38.91|-77.04|4|Washington DC/Washington, D.C.;Richmond|VA|232|804|37.54|-77.44|2|
Durham|NC|277|919|35.99|-78.90|2|;Asheville|NC|288|828|35.60|-82.55|2|;Atlanta|GA|303|404|33.75|-84.39|4|;Jackson|MS|392|601|32.30|-90.18|2|
New Orleans|LA|701|504|29.95|-90.07|3|NOLA;Nashville|TN|372|615|36.16|-86.78|2|;Louisville|KY|402|502|38.25|-85.76|2|
Austin|TX|787|512|30.27|-97.74|4|;Houston|TX|770|713|29.76|-95.37|3|;San Antonio|TX|782|210|29.42|-98.49|2|;Albuquerque|NM|871|505|35.08|-106.65|2|
Santa Fe|NM|875|505|35.69|-105.94|1|;Denver|CO|802|303|39.74|-104.99|4|;Boulder|CO|803|303|40.02|-105.27|2|
Salt Lake City|UT|841|801|40.76|-111.89|2|SLC/Salt Lake;Phoenix|AZ|850|602|33.45|-112.07|2|;Tucson|AZ|857|520|32.22|-110.97|2|
Kansas City|MO|641|816|39.10|-94.58|2|KCMO;Kansas City|KS|661|913|39.11|-94.63|1|KCK;St. Louis|MO|631|314|38.63|-90.20|2|Saint Louis/St Louis
Omaha|NE|681|402|41.26|-95.93|1|;Des Moines|IA|503|515|41.59|-93.62|1|;Iowa City|IA|522|319|41.66|-91.53|1|
Indianapolis|IN|462|317|39.77|-86.16|2|Indy;Bloomington|IN|474|812|39.17|-86.53|1|;Buffalo|NY|142|716|42.89|-78.88|2|
Ithaca|NY|148|607|42.44|-76.50|1|;Honolulu|HI|968|808|21.31|-157.86|1|;Anchorage|AK|995|907|61.22|-149.90|1|`.split(/[;\n]/).map(l => {
  const [name, st, zip, area, lat, lng, w, al] = l.split('|');
  return { name, st, zip, area, lat: +lat, lng: +lng, w: +w, al: al ? al.split('/') : [], slug: name.toLowerCase().replace(/[^a-z]/g, '') };
});
const CITY_CUM = cum(CITIES.map(c => c.w));

// ------------------------------------------------------------------------------------------- entities
const newPhone = (r, C) => C.area + int(r, 201, 989) + pad(int(r, 0, 9999), 4);
function newUnit(r) {
  const k = pick(r, ['Suite', 'Suite', 'Suite', '#', 'Apt', 'Unit', 'Floor']);
  const v = k === 'Suite' ? String(int(r, 1, 9) * 100 + (r() < 0.5 ? 0 : int(r, 1, 20)))
    : k === 'Apt' ? int(r, 1, 6) + pick(r, 'ABCD') : k === 'Floor' ? int(r, 2, 5) : String(int(r, 1, 30));
  return { k, v };
}
function newAddress(r, C) { // dirV / typeV: the variant this entity's canonical spelling uses
  const numbered = r() < 0.22, type = numbered ? (r() < 0.7 ? 0 : 1) : wpick(r, TYPE_CUM);
  return {
    num: String(r() < 0.1 ? int(r, 1, 99) : Math.floor(10 ** (2 + r() * 1.85))), dir: r() < 0.3 ? int(r, 0, 3) : -1, dirV: int(r, 0, 2),
    name: numbered ? ord(1 + Math.floor(r() ** 2 * 99)) : pick(r, STREETS), type, typeV: int(r, 0, TYPES[type].length - 1),
    unit: r() < 0.22 ? newUnit(r) : null, zip: C.zip + pad(int(r, 0, 99), 2), zip4: pad(int(r, 0, 9999), 4),
    lat: C.lat + (r() - 0.5) * 0.16, lng: C.lng + (r() - 0.5) * 0.2,
  };
}
function placeWord(r) {
  const x = r(), w = skewed(r, PLACES);
  if (x < 0.08) return skewed(r, COMPOUNDS);
  return x < 0.4 ? w : x < 0.85 ? `${w} ${pick(r, PLACE_SUFFIX)}` : `${pick(r, PLACE_PREFIX)} ${w}`;
}
const slugWord = memo(w => stripAccents(w).toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]/g, ''));
const formSlug = memo(f => (f.includes(' ') ? f.split(' ').map(w => w[0]).join('') : f).toLowerCase().replace(/[^a-z]/g, ''));
function webDomain(r, p) { // riversidefood.coop, riverside-food-coop.org, riversidefcu.org, ...
  const sep = r() < 0.25 ? '-' : '', form = formSlug(p.form);
  return `${p.place} ${p.dom}`.split(' ').map(slugWord).filter(Boolean).join(sep) + (form && r() < 0.3 ? sep + form : '') + pick(r, TLDS);
}
// Canonical entity. ov (overrides) derives hard negatives from a base entity (see entity()).
function makeEntity(id, ov = {}) {
  const r = rng(h3(id, 1, 0));
  let ci = ov.city ?? wpick(r, CITY_CUM);
  while (ov.cityNot != null && ci === ov.cityNot) ci = wpick(r, CITY_CUM);
  const C = CITIES[ci], spanish = !ov.place && r() < 0.03, es = pick(r, ES_TRADES);
  let di = spanish ? es[1] : (r() * DOMAINS.length) | 0;
  if (ov.domNot != null && di === ov.domNot) di = (di + int(r, 1, DOMAINS.length - 1)) % DOMAINS.length;
  const D = DOMAINS[ov.p ? ov.p.di : di];
  const p = ov.p ?? (spanish
    ? { spanish, di, the: false, place: pick(r, ['Cooperativa', 'Cooperativa', 'Colectivo']) + (es[0] && r() < 0.6 ? ` de ${es[0]}` : ''),
      mod: '', dom: pick(r, ES_NAMES) + (r() < 0.5 ? ` ${pick(r, ES_QUALIFIERS)}` : ''), form: '', suffix: '' }
    : { spanish, di, the: r() < 0.12, place: ov.place ?? placeWord(r), mod: r() < 0.2 ? pick(r, MODS) : '', dom: D.word,
      form: pick(r, D.forms), suffix: r() < 0.08 ? 'Inc.' : '' });
  const legal = ov.legal ?? (r() < 0.05 ? pick(r, LEGAL) : pick(r, D.legal));
  if (!ov.p && legal === 'LLC' && !spanish && r() < 0.6) p.suffix = 'LLC';
  const sector = ov.sector ?? (D.sector === '*' || r() < 0.06 ? pick(r, SECTORS) : D.sector);
  let addr = newAddress(r, C);
  if (ov.addr) { let u; do u = newUnit(r); while (ov.addr.unit && u.k === ov.addr.unit.k && u.v === ov.addr.unit.v); addr = { ...ov.addr, unit: u }; }
  const phone = ov.phone ?? newPhone(r, C), web = ov.web ?? (r() < 0.75 ? webDomain(r, p) : ''), u = r();
  const email = ov.web ? `${C.slug}@${web}` : web && u < 0.55 ? `${pick(r, EMAIL_USERS)}@${web}`
    : u < 0.8 ? `${pick(r, FIRST)}${pick(r, ['.', '', '_'])}${pick(r, LAST)}${r() < 0.4 ? int(r, 1, 99) : ''}@${pick(r, MAILHOSTS)}` : '';
  return { id, city: ci, p, legal, sector, addr, phone, web, email };
}
// Hard negatives (12% of entities), each derived from a non-derived entity up to 40 ids earlier:
// 1 = same place word and city, different domain; 2 = same name in another city (branch; half share the
// website); 3 = same building, different suite and name (a fifth share the phone).
function derivedKind(id) { const u = h3(id, 2, 0) / 4294967296; return id === 0 ? 0 : u < 0.05 ? 1 : u < 0.09 ? 2 : u < 0.12 ? 3 : 0; }
function entityV1(id) {
  const kind = derivedKind(id);
  if (!kind) return makeEntity(id);
  let j = Math.max(0, id - 1 - (h3(id, 3, 0) % 40));
  while (j > 0 && derivedKind(j)) j--;
  const b = makeEntity(j), coin = h3(id, 4, 0);
  if (kind === 1 && !b.p.spanish) return makeEntity(id, { city: b.city, place: b.p.place, domNot: b.p.di });
  if (kind === 2) return makeEntity(id, { cityNot: b.city, p: b.p, legal: b.legal, sector: b.sector, web: coin & 1 && b.web ? b.web : undefined });
  return makeEntity(id, { city: b.city, addr: b.addr, phone: coin % 5 === 0 ? b.phone : undefined });
}
// ------------------------------------------------------------------------------------- hard shapes, v2
// Shapes that dominate the errors on real listings gathered from several directories. None of this runs
// under --hard v1, and v2 draws from its own hash streams (20+, 40+), so every v1 stream stays as it was.
//   eatery (positive): "X's Delicatessen" / "X's Deli", "The X Kitchen" / "X Kitchen (City)", "Restaurant X" /
//     "X", "Café X" / "X", and in about 40% of appearances the neighbourhood named where others name the city.
//   chain (negative): an eatery's name at another street address in another city, always the same website,
//     half the time the same central phone.
//   venue (negative): another organization at the very same street address (no suite to tell them apart):
//     a hotel's café and its dining room, offices in one building; the building's phone 60%, website 40%.
const NEIGHBOURHOODS = { Chicago: ['Hyde Park', 'Pilsen', 'Logan Square', 'Bronzeville', 'Rogers Park'],
  'New York': ['Manhattan', 'Harlem', 'Chelsea', 'Washington Heights'], Brooklyn: ['Williamsburg', 'Park Slope', 'Bed-Stuy', 'Crown Heights'],
  'Los Angeles': ['Echo Park', 'Boyle Heights', 'Hollywood', 'Silver Lake'], Oakland: ['Fruitvale', 'Temescal', 'Rockridge'],
  'San Francisco': ['Mission District', 'Bernal Heights', 'Bayview'], Seattle: ['Capitol Hill', 'Ballard', 'Columbia City'],
  Portland: ['Sellwood', 'St. Johns', 'Hawthorne District'], Minneapolis: ['Powderhorn', 'Seward', 'Northeast'],
  Philadelphia: ['Fishtown', 'West Philadelphia', 'Germantown'], Boston: ['Jamaica Plain', 'Dorchester', 'Roxbury'],
  Detroit: ['Corktown', 'Midtown'], Atlanta: ['West End', 'Little Five Points'], Austin: ['East Austin', 'Hyde Park'],
  Denver: ['Five Points', 'Highland'], Washington: ['Columbia Heights', 'Anacostia'], 'New Orleans': ['Treme', 'Bywater'] };
// Forms of one eatery's name; {P} = the place word. Each appearance picks one.
const EATERY_FORMS = [
  ["{P}'s Delicatessen", "{P}'s Deli", "{P}'s Delicatessen", '{P} Deli'],
  ['The {P} Kitchen', '{P} Kitchen ({City})', '{P} Kitchen', 'The {P} Kitchen ({City})'],
  ['Restaurant {P}', '{P}', '{P} Restaurant', 'Restaurant {P}'],
  ['Café {P}', 'Cafe {P}', '{P}', '{P} Café'],
  ['The {P} Bakery & Café', '{P} Bakery', 'The {P} Bakery', '{P} Bakery and Cafe ({City})'],
];
const VENUES = ['Hotel Dining Room', 'Hotel Café', 'Community Law Office', 'Tenants Union', 'Arts Center', 'Credit Counseling'];
function hardKindV2(id) { // v2 kinds for entities v1 leaves alone
  if (derivedKind(id)) return 0;
  const u = h3(id, 20, 0) / 4294967296;
  return u < 0.06 ? 4 : u < 0.09 ? 5 : u < 0.12 ? 6 : 0;
}
function eateryEntity(id, ov = {}) {
  const e = makeEntity(id, ov), r = rng(h3(id, 21, 0));
  const word = ov.eatery ? ov.eatery.word : stripAccents(placeWord(r)).replace(/'s$/, '');
  e.eatery = ov.eatery ?? { word, forms: (r() * EATERY_FORMS.length) | 0 };
  e.p = { ...e.p, the: false, place: word, mod: '', dom: EATERY_FORMS[e.eatery.forms][0].replace('{P}', word), form: '', suffix: '' };
  return e;
}
function entityV2(id) {
  const kind = hardKindV2(id);
  if (kind === 0) return entityV1(id);
  if (kind === 4) return eateryEntity(id);
  let j = Math.max(0, id - 1 - (h3(id, 22, 0) % 60));
  while (j > 0 && (derivedKind(j) || hardKindV2(j) === 5 || hardKindV2(j) === 6)) j--;
  const b = hardKindV2(j) === 4 ? eateryEntity(j) : makeEntity(j), coin = h3(id, 23, 0);
  if (kind === 5) {
    const o = { cityNot: b.city, p: b.p, legal: b.legal, sector: b.sector, web: b.web || undefined, phone: coin & 1 ? b.phone : undefined };
    return b.eatery ? eateryEntity(id, { ...o, eatery: b.eatery }) : makeEntity(id, o);
  }
  const e = makeEntity(id, { city: b.city, phone: coin % 5 < 3 ? b.phone : undefined, web: coin % 5 === 4 && b.web ? b.web : undefined });
  e.addr = { ...b.addr, unit: null };
  e.p = { ...e.p, spanish: false, the: false, place: b.p.spanish ? e.p.place : b.eatery ? b.eatery.word : b.p.place, mod: '',
    dom: VENUES[coin % VENUES.length], form: '', suffix: '' };
  return e;
}
const entity = id => (opt.hard === 'v2' ? entityV2(id) : entityV1(id));
function eateryAppearance(e, si, copy, P) {
  const r = rng(h3(e.id, 40 + si, copy)), C = CITIES[e.city];
  const form = pick(r, EATERY_FORMS[e.eatery.forms]);
  const name = spaces(r, recase(r, typos(r, form.replace('{P}', e.eatery.word).replace('{City}', C.name), P.typo / 2), 0.03, 0.03));
  const hoods = NEIGHBOURHOODS[C.name];
  return { name, locality: hoods && r() < 0.4 ? pick(r, hoods) : '' };
}

// Sources holding the entity (bits 0-4; 1..5 sources, skewed) and those holding a second copy (bits 8-12).
const K_CUM = cum([40, 28, 17, 10, 5]);
function membership(id, weights) {
  const r = rng(h3(id, 7, 0)), k = 1 + wpick(r, K_CUM);
  let mask = 0, dup = 0;
  for (let n = 0; n < k; n++) { // weighted draw without replacement
    let x = r() * weights.reduce((t, w, i) => ((mask >> i) & 1 ? t : t + w), 0), s = -1;
    for (let i = 0; i < weights.length; i++) if (!((mask >> i) & 1)) { s = i; if ((x -= weights[i]) < 0) break; }
    mask |= 1 << s;
    if (r() < 0.03) dup |= 1 << s;
  }
  return mask | (dup << 8);
}

// ---------------------------------------------------------------------------------------------- noise
const KEYROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'], NEAR = {};
KEYROWS.forEach((row, i) => [...row].forEach((c, j) => { NEAR[c] = [row[j - 1], row[j + 1], KEYROWS[i - 1]?.[j], KEYROWS[i + 1]?.[j]].filter(Boolean).join(''); }));
function typo(r, s) { // one keyboard-adjacent insert / delete / substitute / transpose at a letter (never the first char)
  let i, t = 0;
  do i = 1 + ((r() * (s.length - 1)) | 0); while (!NEAR[s[i]?.toLowerCase()] && ++t < 8);
  const c = s[i], lc = c?.toLowerCase();
  if (!NEAR[lc]) return s;
  const k = c === lc ? pick(r, NEAR[lc]) : pick(r, NEAR[lc]).toUpperCase(), op = (r() * 4) | 0, head = s.slice(0, i);
  return op === 0 ? head + k + s.slice(i) : op === 1 ? head + s.slice(i + 1) : op === 2 ? head + k + s.slice(i + 1)
    : i + 1 < s.length ? head + s[i + 1] + c + s.slice(i + 2) : s;
}
const typos = (r, s, rate) => (r() < rate ? (r() < 0.25 ? typo(r, typo(r, s)) : typo(r, s)) : s);
const recase = (r, s, up, lo) => { const x = r(); return x < up ? s.toUpperCase() : x < up + lo ? s.toLowerCase() : s; };
const spaces = (r, s) => { const x = r(); return x < 0.015 ? s.replace(' ', '  ') : x < 0.025 ? s + ' ' : x < 0.03 ? ' ' + s : s; };
function noisyName(r, p, P) {
  const w = p.spanish ? [p.place, p.dom] : [p.place, r() < 0.12 ? '' : p.mod, p.dom, p.form];
  if (!p.spanish && FORM_OF.has(p.form) && r() < 0.35) w[3] = pick(r, FORM_OF.get(p.form)); // Co-op <-> Cooperative <-> Coop
  if (!p.spanish && DROPPABLE.has(p.form) && r() < 0.04) w[3] = '';
  if (r() < 0.01) w[0] = w[0].replace(' ', '');
  if (r() < 0.015) { const i = r() < 0.5 ? 0 : w.length - 2; [w[i], w[i + 1]] = [w[i + 1], w[i]]; } // word order swap
  let s = w.filter(Boolean).join(' ');
  const initials = s.split(' ').filter(v => /^[A-Z]/.test(v)).map(v => v[0]).join('');
  const suf = p.suffix ? (r() < 0.45 ? '' : p.suffix) : r() < 0.04 ? 'Inc.' : '';
  if (suf) s += (r() < 0.3 ? ', ' : ' ') + pick(r, SUFFIX_VARIANTS[suf]);
  if (p.the ? r() > 0.4 : r() < 0.02) s = r() < 0.1 ? s + ', The' : 'The ' + s;
  if (s.includes('&') && r() < 0.3) s = s.replace('&', 'and');
  if (NON_ASCII.test(s) && r() < P.accent) s = stripAccents(s);
  s = recase(r, typos(r, s, P.typo), 0.04, 0.03);
  const x = r();
  if (x < 0.02 && initials.length > 2) s += ` (${initials})`; // "Riverside Food Co-op (RFC)"
  else if (x < 0.024) s = `"${s}"`; // typed with quotes
  if (P.oneLine && r() < 0.04) s += pick(r, [' | Facebook', ' - Home', ' – About Us']); // page-title residue
  return spaces(r, s);
}
function noisyStreet(r, a, P) {
  const D = a.dir >= 0 ? DIRS[a.dir] : null, T = TYPES[a.type];
  const dir = D ? (r() < 0.35 ? pick(r, D) : D[a.dirV]) : '';
  const type = r() < 0.04 ? '' : r() < 0.35 ? pick(r, T) : T[a.typeV];
  return spaces(r, recase(r, typos(r, [a.num, dir, a.name, type].filter(Boolean).join(' '), P.streetTypo), 0.03, 0.02));
}
function unitStr(r, u) {
  if (u.k === 'Floor') return pick(r, [`${ord(u.v)} Floor`, `${ord(u.v)} Fl`, `Floor ${u.v}`]);
  const k = r() < 0.4 ? pick(r, UNIT_VARIANTS[u.k]) : u.k;
  return k === '#' ? `#${u.v}` : `${k} ${u.v}`;
}
function fmtPhone(r, d, P) {
  const [a, b, c] = [d.slice(0, 3), d.slice(3, 6), d.slice(6)];
  if (r() < 0.03) return `${b}-${c}`;
  const f = r() < P.phoneStd ? 0 : int(r, 0, 6);
  const s = [`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `${a}.${b}.${c}`, `+1 ${a} ${b} ${c}`, d, `1-${a}-${b}-${c}`, `${a} ${b} ${c}`][f];
  return r() < 0.02 ? `${s} x${int(r, 10, 299)}` : s;
}
const fmtWeb = (r, dom) => pick(r, ['', 'http://', 'https://', 'https://']) + (r() < 0.4 ? 'www.' : '') + dom + (r() < 0.3 ? '/' : '');
function oneLine(r, st, un, city, state, zip) { // "221 E. 51st St. Chicago IL 60615", "12 Oak Ave, Suite 3, Boston, MA 02118"
  const s1 = join(st, un, r() < 0.7 ? ' ' : ', '), cs = join(city, state, r() < 0.5 ? ', ' : ' ');
  return r() < 0.5 ? [s1, cs, zip].filter(Boolean).join(' ') : join(join(s1, cs, ', '), zip, ' ');
}
// One noisy appearance of entity e in source si; copy is 1 for a second record in the same source.
function appearance(e, si, copy) {
  const P = SOURCES[si].p, r = rng(h3(e.id, 10 + si, copy)), C = CITIES[e.city], miss = f => r() < P.miss[f];
  let a = e.addr, phone = e.phone;
  if (r() < 0.05) { const k = r(); if (k < 0.65) phone = newPhone(r, C); if (k > 0.5) a = newAddress(r, C); } // outdated
  const x = { name: noisyName(r, e.p, P) };
  const st = miss('street') ? '' : noisyStreet(r, a, P), un = st && a.unit && r() > 0.2 ? unitStr(r, a.unit) : '';
  let city = miss('city') ? '' : recase(r, typos(r, C.al.length && r() < 0.08 ? pick(r, C.al) : C.name, P.typo / 5), 0.03, 0.04);
  const sx = r(), state = miss('state') ? '' : sx < P.stateFull ? STATES[C.st] : sx < P.stateFull + 0.04 ? C.st.toLowerCase() : C.st;
  let zip = miss('zip') ? '' : r() < P.zip4 ? `${a.zip}-${a.zip4}` : a.zip;
  if (zip[0] === '0' && r() < P.zeroStrip) zip = zip.replace(/^0+/, ''); // a spreadsheet ate the leading zero
  if (e.eatery) { // v2 only: the name in one of its forms, the city sometimes as a neighbourhood
    const v = eateryAppearance(e, si, copy, P);
    x.name = v.name;
    if (v.locality && city) city = v.locality;
  }
  if (P.oneLine) Object.assign(x, { addr: (x.ustreet = oneLine(r, st, un, city, state, zip)), city: '', state: '', zip: '' });
  else if (P.unitCol) Object.assign(x, { street: st, unit: un, ustreet: join(st, un, ', '), city, state, zip });
  else Object.assign(x, { addr: (x.ustreet = join(st, un, r() < P.nl ? '\n' : pick(r, [' ', ', ']))), city, state, zip });
  x.phone = miss('phone') ? '' : fmtPhone(r, phone, P);
  x.email = miss('email') || !e.email ? '' : r() < 0.05 ? e.email[0].toUpperCase() + e.email.slice(1) : e.email;
  x.website = miss('website') || !e.web ? '' : fmtWeb(r, e.web);
  let legal = miss('legal') ? '' : r() < 0.03 ? pick(r, LEGAL) : e.legal;
  if (legal && r() < 0.2) legal = legal.replace('Cooperative', pick(r, ['Co-op', 'Coop']));
  x.legal = legal && r() < 0.08 ? legal.toLowerCase() : legal;
  const sector = miss('sector') ? '' : r() < 0.05 ? pick(r, SECTORS) : e.sector;
  x.sector = sector && r() < 0.2 ? sector.replace('&', 'and') : sector;
  x.lat = x.lng = '';
  if (!miss('latlng')) {
    const j = r() < 0.3 ? 0.0006 : 0, dp = int(r, 4, 6);
    x.lat = (a.lat + (r() - 0.5) * j).toFixed(dp); x.lng = (a.lng + (r() - 0.5) * j).toFixed(dp);
  }
  return x;
}

// -------------------------------------------------------------------------------------------- sources
// w: relative size; p: noise profile; miss: blank probability per field; cols: 'Header:field|...' in file order.
const blanks = o => ({ street: 0.04, city: 0.03, state: 0.05, zip: 0.1, phone: 0.2, email: 0.3, website: 0.3, legal: 0.25, sector: 0.3, latlng: 1, ...o });
const sheet = o => ({ typo: 0.16, streetTypo: 0.08, accent: 0.4, stateFull: 0.04, zip4: 0.08, zeroStrip: 0.4, phoneStd: 0.25, nl: 0, ...o });
const SOURCES = [
  { key: 'member-sheet-a', w: 1.0, p: sheet({ miss: blanks({ latlng: 0.45 }) }),
    cols: 'Organization Name:name|Street Address:addr|City:city|State:state|Zip:zip|Phone:phone|Website:website|Email:email|'
      + 'Legal Structure:legal|Sector:sector|Latitude:lat|Longitude:lng' },
  { key: 'member-sheet-b', w: 0.8, p: sheet({ nl: 0.04, miss: blanks({ legal: 0.35 }) }),
    cols: 'Name:name|Address:addr|City:city|State:state|Postal Code:zip|Phone Number:phone|URL:website|Email:email|Type:legal|Sector:sector' },
  { key: 'member-sheet-c', w: 0.6, p: sheet({ unitCol: true, miss: blanks({ latlng: 0.7 }) }),
    cols: 'Org:name|address_1:street|address_2:unit|City:city|ST:state|Zip Code:zip|Phone:phone|E-mail:email|Web:website|'
      + 'Type of Organization:legal|Industry:sector|Lat:lat|Long:lng' },
  { key: 'civicrm-export', w: 1.4, p: { typo: 0.05, streetTypo: 0.03, accent: 0.1, stateFull: 0.85, zip4: 0.25, zeroStrip: 0, phoneStd: 0.7,
      unitCol: true, miss: blanks({ email: 0.25, legal: 1, sector: 1, latlng: 0.35 }) },
    cols: 'contact_id:cid|organization_name:name|street_address:street|supplemental_address_1:unit|city:city|state_province:state|'
      + 'postal_code:zip|phone:phone|email:email|url:website|geo_code_1:lat|geo_code_2:lng' },
  { key: 'directory-scrape', w: 1.6, p: { typo: 0.03, streetTypo: 0.02, accent: 0.05, stateFull: 0, zip4: 0.05, zeroStrip: 0, phoneStd: 0,
      oneLine: true, miss: blanks({ street: 0.08, zip: 0.15, phone: 1, email: 1, website: 1, legal: 1, sector: 1 }) },
    cols: 'name:name|address:addr' },
];
for (const S of SOURCES) S.cols = S.cols.split('|').map(c => c.split(':'));

// --------------------------------------------------------------------------------------------- output
const NEEDS_QUOTE = /[",\r\n]/;
const csv = v => { const s = v == null ? '' : String(v); return NEEDS_QUOTE.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
class Writer { // buffered synchronous writer: RFC 4180 rows, CRLF line ends, UTF-8
  constructor(file) { this.fd = fs.openSync(file, 'w'); this.buf = Buffer.allocUnsafe(1 << 20); this.pos = 0; }
  row(fields) {
    const line = fields.map(csv).join(',') + '\r\n';
    if (this.pos + 3 * line.length > this.buf.length) this.flush(); // 3 = worst-case UTF-8 bytes per UTF-16 unit
    this.pos += this.buf.write(line, this.pos);
  }
  flush() { for (let off = 0; off < this.pos; ) off += fs.writeSync(this.fd, this.buf, off, this.pos - off); this.pos = 0; }
  close() { this.flush(); fs.closeSync(this.fd); }
}

// ----------------------------------------------------------------------------------------------- main
const N = opt.entities, full = !opt.scaleOnly, weights = SOURCES.map(s => s.w);
fs.mkdirSync(opt.out, { recursive: true });
const member = new Uint16Array(N), count = new Uint8Array(N), seen = new Uint8Array(N);
for (let id = 0; id < N; id++) member[id] = membership(id, weights);
const all = new Writer(path.join(opt.out, 'all.csv'));
all.row(['record_id', 'source', 'name', 'street', 'city', 'state', 'zip', 'phone', 'email', 'website', 'legal_structure', 'sector', 'lat', 'lng', 'entity_id']);
const truth = full ? new Writer(path.join(opt.out, 'truth.csv')) : null;
truth?.row(['source', 'row', 'entity_id']);
const sources = {};
let records = 0, truePairs = 0;
SOURCES.forEach((S, si) => {
  const inSrc = id => (member[id] >> si) & 1, twice = id => (member[id] >> (8 + si)) & 1;
  let n = 0;
  for (let id = 0; id < N; id++) if (inSrc(id)) n += 1 + twice(id);
  const list = new Uint32Array(n), sr = rng(h3(si, 9, 0));
  for (let id = 0, q = 0; id < N; id++) if (inSrc(id)) { list[q++] = id; if (twice(id)) list[q++] = id; }
  for (let i = n - 1; i > 0; i--) { const j = (sr() * (i + 1)) | 0, t = list[i]; list[i] = list[j]; list[j] = t; } // shuffle rows
  seen.fill(0);
  const out = full ? new Writer(path.join(opt.out, `${S.key}.csv`)) : null;
  out?.row(S.cols.map(c => c[0]));
  let cid = int(sr, 1000, 9999);
  for (let row = 1; row <= n; row++) {
    const id = list[row - 1], eid = `E${id + 1}`, x = appearance(entity(id), si, seen[id]++);
    truePairs += count[id]++; // the k-th record of an entity adds k-1 true pairs
    x.cid = String((cid += int(sr, 1, 3)));
    out?.row(S.cols.map(c => x[c[1]]));
    truth?.row([S.key, row, eid]);
    all.row([`${S.key}:${row}`, S.key, x.name, x.ustreet, x.city, x.state, x.zip, x.phone, x.email, x.website, x.legal, x.sector, x.lat, x.lng, eid]);
  }
  out?.close();
  sources[S.key] = n;
  records += n;
});
all.close(), truth?.close();
console.log(JSON.stringify({ entities: N, records, truePairs, sources, ...(opt.hard === 'v1' ? {} : { hard: opt.hard }) }));
