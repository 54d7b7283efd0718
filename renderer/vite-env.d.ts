/// <reference types="vite/client" />

/** package.json's version, set by vite.config.ts (and by vitest.config.ts for tests). */
declare const PACKLINE_VERSION: string;
