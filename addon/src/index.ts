/**
 * The bundle's entry: it only exposes globals. build.mjs adds a top-level `function name() {}`
 * declaration for every `globals.name = …` line below, because Apps Script finds triggers, menu
 * items and google.script.run targets only as top-level declarations.
 */
import * as entry from './entry-points';

const globals = globalThis as typeof globalThis & typeof entry;

globals.onOpen = entry.onOpen;
globals.onInstall = entry.onInstall;
globals.onEdit = entry.onEdit;
globals.setUpSheet = entry.setUpSheet;
globals.checkSheet = entry.checkSheet;
globals.findDuplicates = entry.findDuplicates;
globals.compareWithCommons = entry.compareWithCommons;
globals.clearMarks = entry.clearMarks;
globals.showSettings = entry.showSettings;
globals.goToCell = entry.goToCell;
globals.applyFix = entry.applyFix;
globals.applyAllSafeFixes = entry.applyAllSafeFixes;
globals.markNotDuplicate = entry.markNotDuplicate;
globals.useCommonsValue = entry.useCommonsValue;
globals.saveSettings = entry.saveSettings;
