// Electron entry: wiring only (filled by the Electron shell work).
export {};
