// Placeholder entry for the Electron main bundle; the shell is built in main/shell/.
export {};
