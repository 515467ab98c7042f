/**
 * The four controlled vocabularies of the data-points template. A term's `label` is the value
 * written to sheets and the master; `synonyms` are what members actually type. Matching ignores
 * case, punctuation and word order (see normalize/vocabulary.ts), so synonyms only need to cover
 * different words, not different spellings of the same words.
 */

export type VocabularyName = 'org_type' | 'sector' | 'legal_structure' | 'network';

export interface Term {
  readonly key: string;
  readonly label: string;
  readonly synonyms: readonly string[];
}

export interface Vocabulary {
  readonly name: VocabularyName;
  readonly label: string;
  readonly terms: readonly Term[];
}

const term = (key: string, label: string, ...synonyms: string[]): Term => ({ key, label, synonyms });

export const VOCABULARIES: Readonly<Record<VocabularyName, Vocabulary>> = {
  org_type: {
    name: 'org_type',
    label: 'Type of organization',
    terms: [
      term('worker_cooperative', 'worker cooperative', 'worker coop', 'worker co-op', 'co-op, worker', 'worker-owned',
        'worker owned cooperative', 'worker-owned cooperative', 'worker owned business', 'workers cooperative', 'wc'),
      term('consumer_cooperative', 'consumer cooperative', 'consumer coop', 'consumer co-op', 'food coop',
        'food co-op', 'grocery coop', 'co-op, consumer', 'retail cooperative', 'consumer-owned'),
      term('producer_cooperative', 'producer cooperative', 'producer coop', 'producer co-op', 'agricultural cooperative',
        'farmer cooperative', 'farmers coop', 'marketing cooperative', 'co-op, producer', 'artisan cooperative'),
      term('housing_cooperative', 'housing cooperative', 'housing coop', 'housing co-op', 'co-op, housing',
        'limited equity cooperative', 'limited equity housing cooperative', 'student housing cooperative', 'lehc'),
      term('multi_stakeholder_cooperative', 'multi-stakeholder cooperative', 'multistakeholder coop',
        'multi stakeholder co-op', 'solidarity cooperative', 'co-op, multi-stakeholder', 'msc'),
      term('purchasing_cooperative', 'purchasing/shared-services cooperative', 'purchasing cooperative',
        'purchasing coop', 'shared services cooperative', 'shared-services coop', 'business cooperative',
        'co-op, purchasing'),
      term('credit_union', 'credit union', 'cu', 'federal credit union', 'community development credit union', 'cdcu'),
      term('community_land_trust', 'community land trust', 'clt', 'land trust, community'),
      term('esop', 'ESOP (employee-owned company)', 'esop', 'employee stock ownership plan', 'employee-owned',
        'employee owned company', 'employee ownership trust', 'eot'),
      term('mutual_aid', 'mutual-aid group', 'mutual aid', 'mutual aid network', 'mutual aid society'),
      term('cdfi', 'community development financial institution', 'cdfi', 'community loan fund', 'loan fund'),
      term('nonprofit', 'nonprofit', 'non-profit', 'not for profit', 'not-for-profit', 'npo', 'charity'),
      term('social_enterprise', 'social enterprise', 'social business', 'b corp', 'benefit corporation'),
      term('collective', 'collective', 'worker collective', 'artist collective', 'cooperative collective'),
      term('land_housing_trust', 'land/housing trust', 'housing trust', 'land trust', 'conservation land trust'),
      term('union', 'union', 'labor union', 'labour union', 'trade union', 'workers union'),
      term('other', 'other', 'misc', 'miscellaneous'),
    ],
  },
  sector: {
    name: 'sector',
    label: 'Sector',
    terms: [
      term('agriculture_food', 'agriculture & food', 'agriculture', 'farming', 'food', 'farm', 'food production',
        'agriculture and food', 'food systems', 'ag'),
      term('arts_culture', 'arts & culture', 'arts', 'art', 'culture', 'music', 'theater', 'theatre', 'crafts'),
      term('care_work', 'care work (child care, home care, elder care)', 'care work', 'child care', 'childcare',
        'home care', 'homecare', 'elder care', 'eldercare', 'caregiving', 'home health care'),
      term('construction_trades', 'construction & trades', 'construction', 'trades', 'building trades', 'carpentry',
        'plumbing', 'electrical'),
      term('education', 'education', 'school', 'training', 'childhood education', 'tutoring', 'learning'),
      term('energy_utilities', 'energy & utilities', 'energy', 'utilities', 'electric cooperative', 'solar',
        'renewable energy', 'rural electric', 'telecommunications utility'),
      term('finance_insurance', 'finance & insurance', 'finance', 'financial services', 'banking', 'insurance',
        'lending', 'credit'),
      term('health', 'health', 'health care', 'healthcare', 'medical', 'wellness', 'clinic', 'mental health'),
      term('housing', 'housing', 'real estate', 'affordable housing', 'residential'),
      term('manufacturing', 'manufacturing', 'production', 'fabrication', 'industrial'),
      term('media_publishing', 'media & publishing', 'media', 'publishing', 'journalism', 'news', 'printing',
        'books', 'bookstore'),
      term('professional_services', 'professional services', 'consulting', 'legal services', 'accounting',
        'design', 'business services', 'translation', 'interpretation'),
      term('retail_grocery', 'retail & grocery', 'retail', 'grocery', 'groceries', 'shop', 'store', 'grocery store'),
      term('technology', 'technology', 'tech', 'software', 'it', 'information technology', 'web development',
        'internet'),
      term('transportation', 'transportation', 'transport', 'taxi', 'delivery', 'bike messenger', 'courier',
        'logistics', 'rideshare'),
      term('hospitality_food_service', 'hospitality & food service', 'hospitality', 'food service', 'restaurant',
        'cafe', 'bakery', 'catering', 'bar', 'brewery', 'coffee'),
      term('cleaning_maintenance', 'cleaning & maintenance', 'cleaning', 'janitorial', 'maintenance',
        'housecleaning', 'landscaping'),
      term('other', 'other', 'misc', 'miscellaneous'),
    ],
  },
  legal_structure: {
    name: 'legal_structure',
    label: 'Legal structure',
    terms: [
      term('cooperative_corporation', 'cooperative corporation', 'coop corporation', 'co-op corporation',
        'cooperative corp', 'incorporated cooperative', 'cooperative'),
      term('llc_cooperative', 'LLC (cooperative operating agreement)', 'llc', 'limited liability company',
        'coop llc', 'co-op llc', 'llc cooperative'),
      term('nonprofit_corporation', 'nonprofit corporation', 'nonprofit corp', 'non-profit corporation',
        'not for profit corporation', 'nonprofit'),
      term('501c3', '501(c)(3)', '501c3', '501 c 3', 'charitable nonprofit', 'c3'),
      term('501c4', '501(c)(4)', '501c4', '501 c 4', 'social welfare organization', 'c4'),
      term('c_corporation', 'C corporation', 'c corp', 'c-corp', 'corporation', 'inc'),
      term('s_corporation', 'S corporation', 's corp', 's-corp'),
      term('partnership', 'partnership', 'general partnership', 'llp', 'limited partnership'),
      term('sole_proprietorship', 'sole proprietorship', 'sole proprietor', 'sole prop'),
      term('lca', 'limited cooperative association', 'lca', 'limited co-op association'),
      term('informal', 'informal / unincorporated', 'informal', 'unincorporated', 'none', 'not incorporated'),
      term('other', 'other', 'misc', 'miscellaneous'),
    ],
  },
  network: {
    name: 'network',
    label: 'Networks / federations',
    terms: [
      term('usfwc', 'USFWC', 'us federation of worker cooperatives', 'u.s. federation of worker cooperatives',
        'federation of worker cooperatives'),
      term('ncba_clusa', 'NCBA CLUSA', 'ncba', 'national cooperative business association', 'clusa'),
      term('nasco', 'NASCO', 'north american students of cooperation'),
      term('ussen', 'USSEN', 'us solidarity economy network', 'solidarity economy network'),
      term('dawi', 'Democracy at Work Institute', 'dawi', 'democracy at work'),
      term('ica', 'ICA', 'international cooperative alliance', 'international co-operative alliance'),
      term('other', 'other', 'misc', 'miscellaneous'),
    ],
  },
};

export const VOCABULARY_NAMES: readonly VocabularyName[] = ['org_type', 'sector', 'legal_structure', 'network'];
