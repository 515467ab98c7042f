import type { MenuItem } from '../sheet/ui';

/** Extensions → Data Commons. Each functionName is a global the bundle exposes (see src/index.ts). */
export const MENU_ITEMS: readonly MenuItem[] = [
  { caption: 'Set up this sheet', functionName: 'setUpSheet' },
  { caption: 'Check this sheet', functionName: 'checkSheet' },
  { caption: 'Find duplicates', functionName: 'findDuplicates' },
  { caption: 'Compare with the commons', functionName: 'compareWithCommons' },
  { caption: 'Clear marks', functionName: 'clearMarks' },
  { caption: 'Settings', functionName: 'showSettings' },
];
